/**
 * The parity corpus: responses in the styles chat VLMs answer STKit-Bench
 * questions in (terse, chatty, markdown, LaTeX, reasoning first, hedged,
 * refusing), covering units, spelled-out numbers, clock phrasings, intervals,
 * box colours and refusals. The Python port of the extractor
 * (python/stkit_bench.py) must give every one of them the verdict
 * `stkit-bench evaluate` gives. Written by hand; a few families are expanded
 * over units and numbers below.
 */
import type { Sample } from '@stkit/core';
import { makeSample } from './samples';

/** One case: a benchmark sample and a model's response to it. */
export interface ParityCase {
  readonly sample: Sample;
  readonly response: string;
}

const distance = (meters: number, id: string) =>
  makeSample('traveled_distance', { start: 2, end: 6.5, meters }, { id });
const speed = (metersPerSecond: number, id: string) =>
  makeSample('traveling_speed', { start: 1.5, end: 7, metersPerSecond }, { id });
const clock = (value: number, id: string) => makeSample('movement_direction', { clock: value }, { id });
const timestamp = (start: number, end: number, id: string) =>
  makeSample('direction_timestamp', { clock: 3, start, end }, { id });

const DISTANCE_RESPONSES = [
  'About 20 meters.',
  '20 m',
  '20',
  'Approximately **20 m**.',
  'The object traveled approximately 18.5 meters.',
  'The red car moves about 15–20 meters between 2.00 and 6.50 seconds.',
  'It travels about 65 feet (roughly 20 meters).',
  'It traveled 5 meters in the first 2 seconds and 10 meters in the next 2.5 seconds, for a total of 15 meters.',
  'The car moved from about 10 m away to 30 m away from the camera, so it traveled about 20 m.',
  'The object remains stationary, so the distance traveled is 0 meters.',
  'The object traveled a distance of approximately 45 m/s.',
  'The car traveled about 20 meters as it approached the intersection.',
  'It moved roughly 60 feet as it turned.',
  "I can't measure exact distances, but based on typical lane widths (~3.5 m) and the car's movement across ~3 lanes, it traveled approximately **10 meters**.",
  'Based on the average car length of about 4.5 meters, the car appears to have moved roughly 4 car lengths, or about 18 meters.',
  'Given that a standard lane is about 3.7 m wide, and the object crossed two lanes, it moved about 7.4 m.',
  'Assuming the car is about 4.5 m long, it moved approximately 20 m.',
  'The car moved forward by roughly 15 meters, considering that the white dashes are 3 meters long.',
  'Assuming a car length of 4.5 m, the car moved about 4.5 m.',
  'twenty meters',
  'Roughly twenty-five metres.',
  'It covers about thirty feet.',
  'Around 0.02 km.',
  'About 22 yards.',
  'Maybe 1,500 cm.',
  'The distance is \\(\\approx 19\\,\\text{m}\\).',
  'Distance ≈ 21 m',
  '~23m',
  'The truck moves between 12 and 16 meters.',
  'The object moved 12 to 14 m.',
  'Between 18 m and 22 m.',
  'It traveled 2 m per frame over 8 frames, i.e. 16 m in total.',
  'The answer is 17.',
  '**Answer:** 24.9 m',
  '### Estimate\n- Start: near the crosswalk\n- End: past the parked van\n\n**Total distance: ~26 meters**',
  '1. The car starts at the left.\n2. It moves right.\n3. Total distance: 14 m',
  'I cannot determine the exact distance from these frames.',
  "I'm sorry, but I can't estimate distances from images.",
  'The object does not move; it stays parked.',
  'It moved about 3 car lengths.',
  'The object traveled roughly 0.5 miles.',
  'About 800 inches.',
  '| Quantity | Value |\n|---|---|\n| Distance | 21 m |',
  '<think>The car covers maybe 40 m? No, the lanes are narrow, so about 20 m.</think>About 20 meters.',
  'It went 5 m, then 7 m, then 6 m; in total, 18 m.',
  'From 2.00 to 6.50 seconds the object moves about 9 meters.',
  'The object traveled at 5 m/s for 4.5 seconds, so about 22.5 meters.',
  'The object moved a total of 19.8 meters (65 ft).',
  'Estimated distance: 21.0m (±2m).',
  'It moved 3.00 meters.',
  'Approximately 15 m, or 49 ft.',
  'The car is 30 m away at 2 s and 50 m away at 6.5 s, a change of 20 m.',
  'Hard to say, maybe 10-30 meters, I would guess 20.',
  'About 2,000 cm',
  'The distance covered is roughly eleven meters.',
  'It travels roughly 25 m; typical speed limits here are 50 km/h.',
  'It moved approximately 100 m.',
  'Zero meters — it is parked.',
  'About 6 m in 4.5 s.',
  // Emoji (UTF-16 surrogate pairs shift JavaScript offsets), no-break and thin spaces, CRLF line ends, LaTeX fractions.
  '🚗💨 The car drives about 21 m 🚀 (assuming lanes of 3.5 m).',
  'About\u00a020\u00a0m.',
  'Roughly 19\u2009m in total.',
  'Step 1: the car starts at the crosswalk.\r\nStep 2: it passes the van.\r\nTotal: 22 m',
  '<THINK>lanes are 3.5 m</THINK> About 18 m.',
  '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 assuming typical car length 4.5 m, so 30 m',
  'The distance is $\\frac{45}{2} = 22.5$ m.',
  'It went 12,5 m.',
  'About a dozen meters.',
  'Half a meter at most.',
  'One hundred meters.',
  'Roughly 1.5e1 m.',
  'About 3/4 of a mile.',
  'It moves 10 m (33 ft) per second... no wait, 10 m in total.',
  'Distance: 15m-20m; final answer 18m.',
  'The object is 5 m wide and travels 25 m.',
  'It is about 40 m from the camera and moves about 12 m.',
  'ANSWER: 19 METERS',
  'Approx. 20m.',
  'The total displacement is 17 m, but the path length is 21 m.',
  'I estimate 8 meters, though it could be as much as 30 meters.',
  'Between 1 m and 2 km — impossible to say.',
  '2 0 m',
];

const SPEED_RESPONSES = [
  'Approximately 35 km/h (about 9.7 m/s).',
  'Speed ≈ distance / time = 45 m / 5.5 s ≈ 8.2 m/s',
  'The object travels 50 meters in 5.5 seconds, so roughly 9 meters per second.',
  'It moves at roughly 36 km per hour.',
  "It's going about 36 km an hour.",
  'The average speed is around 10 m per second.',
  'Around 25 miles/hour',
  'The car moves 20 meters as it turns, i.e. about 5 m/s.',
  'Given a typical walking speed of 1.4 m/s, the pedestrian is moving at around 1.2 m/s.',
  'Typical city speeds are 30-50 km/h; this car seems to go about 25 km/h.',
  '10 m/s',
  '10',
  'About 40 kph.',
  'About 36 kmh.',
  'Roughly 22 mph.',
  'Around 30 ft/s.',
  'Approximately 33 feet per second.',
  'Its speed is about twelve meters per second.',
  'About thirty-six kilometers per hour.',
  'Roughly 8 to 12 m/s.',
  'Between 30 and 40 km/h.',
  'It moves at **9.5 m/s** on average.',
  'The speed is approximately $10.4\\,\\mathrm{m/s}$.',
  'v = 52 m / 5.5 s = 9.45 m/s',
  'The object is stationary (0 m/s).',
  'I cannot determine the speed from still frames.',
  "Sorry, I can't estimate speed.",
  'The car moves about 55 meters.',
  'It moves about 2 m per frame.',
  'Speed: 11.2 m s^-1',
  'About 13 m/sec.',
  'Roughly 45 km/hr.',
  'About 20 mi/h',
  'Roughly 10 mps',
  '<think>distance maybe 60 m over 5.5 s is 11 m/s</think>Approximately 11 m/s.',
  'It first moves at 5 m/s, then speeds up to 15 m/s, so the average is about 10 m/s.',
  'Average speed ≈ 9 m/s (32 km/h).',
  'The car travels at about 50 km/h, which is about 13.9 m/s.',
  'It moves slowly, around 1 m/s.',
  'The truck moves quickly, probably around 60 km/h.',
  'The speed limit is 50 km/h, and the car seems to be under it, around 40 km/h.',
  'Assuming the car is 4.5 m long and moves 10 lengths in 5.5 s, its speed is about 8 m/s.',
  'About 7.5–12.5 m/s, so roughly 10 m/s.',
  'Maybe 5.',
  'The object moves at 0.01 km/s.',
  'Answer: 28 mph',
  'It accelerates from 2 m/s to 18 m/s; the final answer is 10 m/s.',
  'The average speed is thirty km/h.',
];

const CLOCK_RESPONSES = [
  "3 o'clock",
  'It is turning right, ending up at about the **3 o’clock** direction.',
  "Initially, the car moves toward 12 o'clock. By the end of the video, it is heading toward 3 o'clock.",
  "It starts toward 12 o'clock and ends toward 3 o'clock.",
  "It moves toward 12 o'clock at first and ends up at 3 o'clock.",
  "The object is not moving toward 12 o'clock; it moves toward 3 o'clock.",
  "It heads toward the 3-o'clock direction.",
  "The direction is approximately 90 degrees clockwise, i.e. 3 o'clock.",
  'three o’clock',
  'Three oclock.',
  '3 o clock',
  'The 3:00 direction.',
  "At the end it is moving toward 2 o'clock.",
  "12 o'clock",
  "0 o'clock",
  "It keeps going straight, 12 o'clock.",
  "The object turns left toward 9 o'clock.",
  'It turns to the right.',
  'The object moves to the right at the end of the video.',
  "It moves toward the 4 o'clock position, then ends at 3 o'clock.",
  "Toward 3 o'clock rather than 12 o'clock.",
  "The car heads toward 6 o'clock (reversing).",
  "I'm not sure; maybe 3 o'clock or 4 o'clock.",
  'I cannot determine the direction.',
  'The direction is 90 degrees.',
  "Heading: **3 o'clock** (turning right).",
  "It moves in the eleven o'clock direction.",
  "Around the 5 o'clock direction.",
  "From 12 o'clock it gradually turns until it finally heads to 3 o'clock.",
  "It ends up moving toward four o'clock.",
  "1. Start: 12 o'clock\n2. End: 3 o'clock",
  "The object is moving at the 3 o'clock direction at the end of the video.",
  "Never toward 9 o'clock; toward 3 o'clock.",
  "It's turning, now at roughly 2 o'clock.",
  "10 o'clock",
  "It does not turn; it keeps heading at 12 o'clock.",
  "Its heading changes from 3 o'clock to 6 o'clock in the last frames.",
  'Moving in the 3 o’clock direction, i.e., to the right.',
  'The answer is 3.',
  'Approximately 3:00 heading.',
  "It rotates from 12 to 3 o'clock.",
  "It heads toward 12 o'clock, not 3 o'clock.",
  "Its final heading is about 2-3 o'clock.",
  "Toward 13 o'clock.",
  "At 3:30 it moves toward 6 o'clock.",
  'Clockwise to 3 o’clock, then back to 12 o’clock at the end.',
];

const TIMESTAMP_RESPONSES = [
  'Around the 3-second mark until about 5.5 seconds.',
  "The 3 o'clock movement occurs from t = 3.0 s to t = 5.5 s.",
  'From 3.00 seconds to the end of the video.',
  "It never moves at 3 o'clock.",
  'Between 3.00 and 5.50 seconds.',
  'From 3 to 5.5 s.',
  '3.00s–5.50s',
  '[3.0, 5.5]',
  '3.0 - 5.5',
  'It starts at 3 s and ends at 5.5 s.',
  'At 3.00s, 4.00s and 5.00s.',
  'From the start until 3 s.',
  'From the beginning of the video until about 2 seconds.',
  'At 3.5 seconds.',
  'From 4 s onward.',
  'Between 2 and 6 seconds.',
  'From 1.00s to 2.00s.',
  'It moves toward 3 o’clock between 3.00s and 5.00s.',
  "The object turns toward 3 o'clock after 3 seconds.",
  'During frames 3 to 5.',
  'Roughly from 3 to 6 seconds.',
  'From 0.00 s to 7.00 s.',
  'Between three and five seconds.',
  "I can't tell when it happens.",
  'The whole video.',
  "From 3.00s until 5.50s, the object is heading toward the 3 o'clock direction.",
  'It happens at 3.00s, 4.00s, 5.00s, 6.00s.',
  '**Timestamp:** 3.0 s → 5.5 s',
  'Start: 3.00 s; End: 5.50 s',
  "Initially straight, then from about 4 s to 6 s it moves at 3 o'clock.",
  'After 5 seconds.',
  'From 3000 ms to 5500 ms.',
  'Between 3 and 5.5.',
  'It starts moving in that direction at 2.5 seconds and stops at 6 seconds.',
  'From 3 s through the end.',
  'In the last two seconds (5.00s to 7.00s).',
  'At the beginning, 0.00s to 1.00s.',
  'Between 3.00 and 4.00 seconds and again between 5.00 and 6.00 seconds.',
  '3s to 5.5s, so the answer is [3, 5.5].',
  'From second 3 to second 6.',
  "From 3 o'clock... I mean from 3 s to 5 s.",
  'It happens around 4.2 s.',
  'Starting at 2.5s',
  'Until 6 seconds.',
  'from 00:03 to 00:05',
  "Between 3 and 5 o'clock.",
];

interface ComparisonSet {
  readonly samples: Sample[];
  readonly responses: string[];
}

function comparisonSamples(
  task: 'traveled_distance_comparison' | 'traveling_speed_comparison',
  prefix: string,
): Sample[] {
  return [
    makeSample(
      task,
      { polarity: 'positive', answerTrackId: 'track-a', values: { 'track-a': 30, 'track-b': 10 } },
      { id: `${prefix}-pos-a` },
    ),
    makeSample(
      task,
      { polarity: 'negative', answerTrackId: 'track-b', values: { 'track-a': 30, 'track-b': 10 } },
      { id: `${prefix}-neg-b` },
    ),
    makeSample(
      task,
      { polarity: 'positive', answerTrackId: 'track-b', values: { 'track-a': 4, 'track-b': 9 } },
      { id: `${prefix}-pos-b-green`, colors: ['light blue', 'green'] },
    ),
  ];
}

const DISTANCE_COMPARISON: ComparisonSet = {
  samples: comparisonSamples('traveled_distance_comparison', 'dcmp'),
  responses: [
    'The object in the blue box travels a shorter distance, so the red one travels farther.',
    'The red car is not farther than the blue car.',
    'Neither; they travel about the same distance.',
    'The blue box object travels the least.',
    'Red.',
    'Blue',
    'The red one.',
    'The red one. The blue one is parked.',
    'The object with the red bounding box travels a greater distance than the one with the blue bounding box.',
    'The blue object covers more ground than the red one.',
    'The red object moves farther from the camera, but the blue one covers a longer path.',
    'Between the red and the blue objects, the red one traveled farther.',
    'Red travels about 30 m, blue only 10 m.',
    'Red: 12 m. Blue: 25 m.',
    'It is hard to tell whether the red one travels farther, but the blue one seems to move more.',
    "I can't determine which object travels farther.",
    'Both travel the same distance.',
    'The red bounding box object, since the blue one remains stationary.',
    'Not the blue one — the red one.',
    'The red object is larger, but the blue object travels farther.',
    'The **red** one travels a greater distance.',
    'The red one does not travel as far as the blue one.',
    'The blue object travels a longer distance compared to the red object.',
    'The green object travels farther than the light blue one.',
    'The light blue object.',
    'Light blue moves less than green.',
    'The one in green.',
    'The red object or the blue object? The red object.',
    'Blue is farther away from the camera.',
    'The red car appears in the lower part of the frame, and it travels the farthest.',
    "The red object's distance is greater.",
    'The blue one travels further.',
    'Red is behind blue, but red travels more.',
    "Sorry, I can't compare the two.",
    'They move equally far.',
    'The object annotated with the blue bounding box has traveled farther than the object annotated with the red bounding box.',
    'The red object travels 2.5 times farther than the blue one.',
    'Clearly red.',
    'The red one moved; the blue one did not move at all.',
    'The red one is parked, and the blue one drives off.',
  ],
};

const SPEED_COMPARISON: ComparisonSet = {
  samples: comparisonSamples('traveling_speed_comparison', 'scmp'),
  responses: [
    'The red object moves faster.',
    'The blue object is slower than the red object.',
    'The red one is not as fast as the blue one.',
    "The red car doesn't move as fast as the blue car.",
    'The blue one outpaces the red one.',
    'Red moves more quickly than blue.',
    'The blue truck moves more slowly.',
    'The red object has a higher speed.',
    'The speed of the blue object is greater.',
    'Red: 8 m/s, blue: 2 m/s.',
    'Red is at 10 km/h and blue at 40 km/h.',
    'Blue.',
    'The red one.',
    'Neither, they move at the same speed.',
    'I cannot tell which is faster.',
    "It's difficult to tell if the red one is faster; however, the blue one seems quicker.",
    'The red bounding box object moves faster than the one with the blue bounding box.',
    'The blue object appears larger but moves slower.',
    'Both move equally fast.',
    'The red car, because the blue car is stopped.',
    'The blue one is the fastest.',
    'The red object is the slowest.',
    'Faster: red. Slower: blue.',
    'The green object moves faster than the light blue object.',
    'The light blue one is slower.',
    'Green',
    'Light blue moves faster.',
    'The red object, which is farther away, moves faster.',
    'Not the red one; the blue one is faster.',
    'The blue one is quicker than the red one.',
    'Red moves quicker.',
    "The red object's velocity is lower.",
    'The red object travels at a higher pace.',
    "I can't tell whether the red object or the blue object is faster.",
    'Compared to the blue object, the red object is faster.',
    'The red object moves faster relative to the blue object.',
    'The blue one, at about 15 m/s versus 5 m/s for the red one.',
    'Hmm, the red one I think.',
    'The red object is moving forward and the blue object is turning; the red is faster.',
    'The object annotated with the red bounding box moves faster throughout the video.',
  ],
};

const SAME_DIRECTION_SAMPLES: Sample[] = [
  makeSample('movement_direction_comparison', { polarity: 'positive', same: true }, { id: 'dir-pos-same' }),
  makeSample('movement_direction_comparison', { polarity: 'positive', same: false }, { id: 'dir-pos-diff' }),
  makeSample('movement_direction_comparison', { polarity: 'negative', same: true }, { id: 'dir-neg-same' }),
];

const SAME_DIRECTION_RESPONSES = [
  'Yes.',
  'No.',
  'Yes, they move in the same direction.',
  'No, they move in opposite directions.',
  'They are moving in the same direction.',
  'They move in different directions.',
  'The two objects are not moving in the same direction.',
  'They are not moving in different directions.',
  'Both move parallel to each other.',
  'The red object moves left while the blue object moves right; their directions differ.',
  'They move perpendicular to each other.',
  'Their paths diverge.',
  "I can't tell whether they move in the same direction.",
  "I can't tell whether they move in the same direction, but they seem to go opposite ways.",
  'Yes — both are heading forward.',
  'Nope.',
  'Correct, same direction.',
  'Actually, they move in opposite directions.',
  'Not really; the red one turns away.',
  '**Yes**, both head north.',
  'No, the blue one is parked.',
  'They head the same way.',
  'They travel in similar directions.',
  'The red one goes straight and the blue one turns left, so they are not aligned.',
  "Both objects move toward 12 o'clock, in the same direction.",
  "The red object moves toward 3 o'clock and the blue toward 9 o'clock: opposite directions.",
  'It is unclear if they move in the same direction.',
  'True.',
  'False.',
  'Yes and no: at first the same direction, later different directions.',
  'They move in the same general direction.',
  'The directions are different.',
  'Indeed, they are aligned.',
  'No different: both go forward.',
  'The red object is moving in a different direction than the blue one.',
  'Same.',
  'Different.',
  'They never move in the same direction.',
  'Both are stationary.',
  'Yes they do.',
];

function expandFamilies(): ParityCase[] {
  const out: ParityCase[] = [];
  const d = distance(20, 'dist-family');
  const lengthUnits = ['m', 'meters', 'metres', 'meter', 'km', 'ft', 'feet', 'yards', 'cm', 'mi', 'inches'];
  const values = ['15', '16.4', '20', '25', '25.1', '0.02', 'sixty', 'twenty-two', '65'];
  for (const unit of lengthUnits)
    for (const value of values) out.push({ sample: d, response: `It traveled about ${value} ${unit}.` });
  const s = speed(10, 'speed-family');
  const speedUnits = [
    'm/s',
    'meters per second',
    'km/h',
    'kph',
    'mph',
    'miles per hour',
    'ft/s',
    'km per hour',
    'metres a second',
  ];
  const speedValues = ['7.5', '10', '12.5', '12.6', '36', '22', 'thirty-six', 'eight'];
  for (const unit of speedUnits)
    for (const value of speedValues)
      out.push({ sample: s, response: `Its average speed is roughly ${value} ${unit}.` });
  const c = clock(3, 'clock-family');
  const words = ['one', 'two', 'three', 'four', 'nine', 'twelve', '3', '11'];
  const forms = ["{} o'clock", '{} oclock', "the {}-o'clock direction", '{}:00 direction', '{} o’clock position'];
  for (const word of words)
    for (const form of forms)
      out.push({ sample: c, response: `It moves toward ${form.replace('{}', word)} at the end.` });
  const t = timestamp(3, 5.5, 'ts-family');
  const joins = [
    '{a} to {b} seconds',
    'between {a} and {b} s',
    '{a}s-{b}s',
    '[{a}, {b}]',
    'from {a} s until {b} s',
    '{a} – {b} sec',
  ];
  const pairs: [string, string][] = [
    ['3', '5.5'],
    ['3.00', '5.50'],
    ['2.5', '6'],
    ['4', '5'],
    ['0', '7'],
    ['three', 'five'],
  ];
  for (const join of joins)
    for (const [a, b] of pairs)
      out.push({ sample: t, response: `The object heads at 3 o'clock ${join.replace('{a}', a).replace('{b}', b)}.` });
  return out;
}

/** Every case of the corpus. */
export function parityCases(): ParityCase[] {
  const cases: ParityCase[] = [];
  const distances = [distance(20, 'dist-20'), distance(4.4, 'dist-4.4'), distance(100, 'dist-100')];
  for (const sample of distances) for (const response of DISTANCE_RESPONSES) cases.push({ sample, response });
  const speeds = [speed(10, 'speed-10'), speed(2.5, 'speed-2.5')];
  for (const sample of speeds) for (const response of SPEED_RESPONSES) cases.push({ sample, response });
  const clocks = [clock(3, 'clock-3'), clock(12, 'clock-12')];
  for (const sample of clocks) for (const response of CLOCK_RESPONSES) cases.push({ sample, response });
  const timestamps = [timestamp(3, 5.5, 'ts-3-5.5'), timestamp(0, 2, 'ts-0-2')];
  for (const sample of timestamps) for (const response of TIMESTAMP_RESPONSES) cases.push({ sample, response });
  for (const set of [DISTANCE_COMPARISON, SPEED_COMPARISON]) {
    for (const sample of set.samples) {
      const [a, b] = sample.objects.map((object) => object.color);
      for (const response of set.responses)
        cases.push({ sample, response: response.replace(/\b(?:red|blue)\b/g, (color) => (color === 'red' ? a! : b!)) });
    }
  }
  for (const sample of SAME_DIRECTION_SAMPLES)
    for (const response of SAME_DIRECTION_RESPONSES) cases.push({ sample, response });
  cases.push(...expandFamilies());
  return cases;
}

/** Number of distinct hand-written responses (the expanded families not counted). */
export const HAND_WRITTEN_RESPONSES =
  DISTANCE_RESPONSES.length +
  SPEED_RESPONSES.length +
  CLOCK_RESPONSES.length +
  TIMESTAMP_RESPONSES.length +
  DISTANCE_COMPARISON.responses.length +
  SPEED_COMPARISON.responses.length +
  SAME_DIRECTION_RESPONSES.length;
