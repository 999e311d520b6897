import { InvalidArgumentError, createRandom, parseSample, type Fact, type Sample } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { FACTS, makeClip } from './__fixtures__/scene';
import { buildSample, buildSamples } from './build-sample';
import { COLOR_PALETTE } from './palette';
import { PAPER_TEMPLATES, templateSetsFor } from './paper-templates';

const clip = makeClip(40);
const PROMPT_END = 'in the video. ';

function questionOf(sample: Sample): string {
  const human = sample.conversations[0].value;
  return human.slice(human.lastIndexOf(PROMPT_END) + PROMPT_END.length);
}

/** A regex that matches any filling of a template (test-side, independent of the renderer). */
function templateRegex(template: string): RegExp {
  const escaped = template
    .replace(/[.*+?^${}()|\\]/g, '\\$&')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]');
  return new RegExp(`^${escaped.replace(/\\\[[A-Z0-9]+\\\]/g, '(.+?)')}$`);
}

/** Colour words of the default palette in order of appearance. */
function colorsIn(text: string): string[] {
  const names = COLOR_PALETTE.map((color) => color.name).join('|');
  return [...text.matchAll(new RegExp(`\\b(${names})\\b`, 'g'))].map((match) => match[1]!);
}

// Conversion factors written out independently of the package (1 mi = 1609.344 m, 1 ft = 0.3048 m).
const SI_PER: Record<string, number> = {
  m: 1,
  meters: 1,
  km: 1000,
  kilometers: 1000,
  miles: 1609.344,
  feet: 0.3048,
  'm/s': 1,
  'meters per second': 1,
  'km/h': 1 / 3.6,
  'kilometers per hour': 1 / 3.6,
  mph: 0.44704,
  'miles per hour': 0.44704,
};
const QUANTITY =
  /(\d+\.\d\d) (meters per second|kilometers per hour|miles per hour|kilometers|meters|miles|feet|km\/h|m\/s|mph|km|m)(?=[. ])/;

describe('buildSample', () => {
  it('produces valid Samples for every task and template set', () => {
    for (const [index, fact] of FACTS.entries()) {
      const sample = buildSample({ clip, fact, random: createRandom(index) });
      expect(() => parseSample(sample)).not.toThrow();
      expect(sample.task).toBe(fact.task);
      expect(sample.clipId).toBe('demo-0001');
      expect(sample.source).toEqual(clip.source);
      expect(sample.label).toEqual(fact.label);
      expect(sample.objects.map((object) => object.trackId)).toEqual(fact.trackIds);
      expect(sample.conversations[0].from).toBe('human');
      expect(sample.conversations[1].from).toBe('gpt');
    }
  });

  it('uses every template of every set and leaves no placeholder', () => {
    for (const fact of FACTS) {
      const sets = templateSetsFor(fact);
      const questions = sets.questions.map(templateRegex);
      const answers = sets.answers.map(templateRegex);
      const usedQuestions = new Set<number>();
      const usedAnswers = new Set<number>();
      for (let seed = 0; seed < 300; seed++) {
        const sample = buildSample({ clip, fact, random: createRandom(seed) });
        for (const turn of sample.conversations) expect(turn.value).not.toContain('[');
        const question = questionOf(sample);
        const q = questions.findIndex((regex) => regex.test(question));
        const a = answers.findIndex((regex) => regex.test(sample.conversations[1].value));
        expect(q, question).toBeGreaterThanOrEqual(0);
        expect(a, sample.conversations[1].value).toBeGreaterThanOrEqual(0);
        usedQuestions.add(q);
        usedAnswers.add(a);
      }
      expect(usedQuestions.size, `${sets.name} questions`).toBe(sets.questions.length);
      expect(usedAnswers.size, `${sets.name} answers`).toBe(sets.answers.length);
    }
  });

  it('starts the human turn with <video> and the common prompt of the frames shown', () => {
    const sample = buildSample({ clip, fact: FACTS[0]!, random: createRandom(3) });
    const human = sample.conversations[0].value;
    // 40 frames capped at 32: indices 0, 1, 3, 4, 5, 6, 8, … → 0.00, 0.50, 1.50, 2.00, 2.50, 3.00, 4.00 s.
    expect(
      human.startsWith(
        '<video>\nThe video lasts for 20.00 seconds, and 32 frames are uniformly sampled from it. ' +
          'These frames are located at 0.00s,0.50s,1.50s,2.00s,2.50s,3.00s,4.00s,',
      ),
    ).toBe(true);
    expect(human).toContain(',19.50s. Please answer the following questions related to this video.\n\n');
    expect(human).toContain(
      `There is an object annotated with a ${sample.objects[0]!.color} bounding box in the video. `,
    );
    expect(sample.frameTimes).toHaveLength(32);
    expect(sample.frameTimes.slice(0, 4)).toEqual([0, 0.5, 1.5, 2]);
    expect(sample.frameTimes.at(-1)).toBe(19.5);
    expect(sample.frameTimestamps).toBeUndefined();
  });

  it('shows every frame when maxFrames allows, with their source timestamps', () => {
    const stamped = makeClip(40, true);
    const all = buildSample({ clip: stamped, fact: FACTS[0]!, random: createRandom(1), maxFrames: 40 });
    expect(all.frameTimes).toHaveLength(40);
    expect(all.conversations[0].value).toContain('and 40 frames are uniformly sampled');
    const capped = buildSample({ clip: stamped, fact: FACTS[0]!, random: createRandom(1) });
    // Shown frame 2 is clip frame 3: 1553562431150000000 + 3 · 500000000.
    expect(capped.frameTimestamps?.[2]).toBe('1553562432650000000');
    expect(capped.frameTimestamps).toHaveLength(32);
  });

  it('states the label value in the chosen unit, and the interval in seconds', () => {
    const units = new Set<string>();
    for (const fact of FACTS.filter((f) => f.task === 'traveled_distance' || f.task === 'traveling_speed')) {
      const truth =
        fact.task === 'traveled_distance'
          ? fact.label.meters
          : (fact.label as { metersPerSecond: number }).metersPerSecond;
      for (let seed = 0; seed < 200; seed++) {
        const sample = buildSample({ clip, fact, random: createRandom(seed) });
        const answer = sample.conversations[1].value;
        const match = QUANTITY.exec(answer);
        expect(match, answer).not.toBeNull();
        const value = Number(match![1]);
        const factor = SI_PER[match![2]!]!;
        units.add(match![2]!);
        expect(value).toBeGreaterThanOrEqual(0.1);
        // Written with two decimals: off by at most half a unit in the last place.
        expect(Math.abs(value * factor - truth)).toBeLessThanOrEqual(0.005 * factor + 1e-9);
        if (!fact.wholeVideo) {
          expect(answer).toMatch(/2\.50 (to|and) 7\.00 seconds/);
          expect(questionOf(sample)).toMatch(/2\.50 (seconds )?(to|and) 7\.00 seconds/);
        }
      }
    }
    // 152.3 m = 0.0946 mi ("0.09"): miles never chosen for it; all speed units appear.
    expect([...units].sort()).toEqual(
      [
        'feet',
        'kilometers',
        'kilometers per hour',
        'km',
        'km/h',
        'm',
        'm/s',
        'meters',
        'meters per second',
        'miles per hour',
        'mph',
      ].sort(),
    );
  });

  it('names the answer object first in value comparisons and gives the two objects different colours', () => {
    for (const fact of FACTS.filter(
      (f) => f.task === 'traveled_distance_comparison' || f.task === 'traveling_speed_comparison',
    )) {
      const label = fact.label as { answerTrackId: string };
      for (let seed = 0; seed < 50; seed++) {
        const sample = buildSample({ clip, fact, random: createRandom(seed) });
        const [first, second] = sample.objects;
        expect(first!.color).not.toBe(second!.color);
        expect(colorsIn(questionOf(sample))).toEqual([first!.color, second!.color]);
        const answerObject = sample.objects.find((object) => object.trackId === label.answerTrackId)!;
        const otherObject = sample.objects.find((object) => object.trackId !== label.answerTrackId)!;
        expect(colorsIn(sample.conversations[1].value)).toEqual([answerObject.color, otherObject.color]);
      }
    }
  });

  it('answers direction comparisons yes/no per polarity and truth', () => {
    for (const fact of FACTS.filter((f) => f.task === 'movement_direction_comparison')) {
      const { polarity, same } = fact.label as { polarity: string; same: boolean };
      for (let seed = 0; seed < 30; seed++) {
        const sample = buildSample({ clip, fact, random: createRandom(seed) });
        const answer = sample.conversations[1].value;
        // "Yes" when the question's claim holds: positive asks "same?", negative asks "different?".
        const affirmative = (polarity === 'positive') === same;
        expect(/^(Yes|Indeed|Correct),/.test(answer), answer).toBe(affirmative);
        expect(/^(No|Actually|Incorrect),/.test(answer), answer).toBe(!affirmative);
        expect(answer.includes('same direction')).toBe(same);
        expect(questionOf(sample).includes('same direction')).toBe(polarity === 'positive');
        expect(colorsIn(answer)).toEqual(sample.objects.map((object) => object.color));
      }
    }
  });

  it('fills clock directions and direction intervals', () => {
    const direction = buildSample({ clip, fact: FACTS[4]!, random: createRandom(2) });
    expect(direction.conversations[1].value).toMatch(/\b3 o'clock/);
    const timestamp = buildSample({ clip, fact: FACTS[5]!, random: createRandom(2) });
    expect(questionOf(timestamp)).toMatch(/\b9 o'clock/);
    expect(timestamp.conversations[1].value).toMatch(/9 o'clock/);
    expect(timestamp.conversations[1].value).toMatch(/4\.00 (to|and) 8\.50 seconds/);
    expect(timestamp.objects[0]).toEqual({ trackId: 'bus-3', category: 'bus', color: timestamp.objects[0]!.color });
  });

  it('is deterministic per seed and varies across seeds', () => {
    const a = JSON.stringify(FACTS.map((fact) => buildSample({ clip, fact, random: createRandom('s') })));
    const b = JSON.stringify(FACTS.map((fact) => buildSample({ clip, fact, random: createRandom('s') })));
    const c = JSON.stringify(FACTS.map((fact) => buildSample({ clip, fact, random: createRandom('t') })));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('rejects facts that do not fit the clip', () => {
    const random = createRandom(1);
    const unknownTrack: Fact = { task: 'movement_direction', trackIds: ['truck-9'], label: { clock: 3 } };
    expect(() => buildSample({ clip, fact: unknownTrack, random })).toThrow(/no track 'truck-9' in clip 'demo-0001'/);
    const oneTrack = { ...FACTS[6]!, trackIds: ['car-1'] } as Fact;
    expect(() => buildSample({ clip, fact: oneTrack, random })).toThrow(InvalidArgumentError);
    const sameTrack = { ...FACTS[10]!, trackIds: ['car-1', 'car-1'] } as Fact;
    expect(() => buildSample({ clip, fact: sameTrack, random })).toThrow(/two different track ids/);
    const wrongAnswer: Fact = {
      task: 'traveled_distance_comparison',
      trackIds: ['car-1', 'ped-2'],
      label: { polarity: 'positive', answerTrackId: 'ped-2', values: { 'car-1': 10, 'ped-2': 2 } },
    };
    expect(() => buildSample({ clip, fact: wrongAnswer, random })).toThrow(/larger value/);
    const outsider = { ...wrongAnswer, label: { ...wrongAnswer.label, answerTrackId: 'bus-3' } } as Fact;
    expect(() => buildSample({ clip, fact: outsider, random })).toThrow(/answerTrackId/);
    const badClock: Fact = { task: 'movement_direction', trackIds: ['car-1'], label: { clock: 0 } };
    expect(() => buildSample({ clip, fact: badClock, random })).toThrow(/clock/);
    const emptyInterval: Fact = {
      task: 'traveled_distance',
      trackIds: ['car-1'],
      label: { start: 3, end: 3, meters: 1 },
    };
    expect(() => buildSample({ clip, fact: emptyInterval, random })).toThrow(/end > start/);
  });
});

describe('buildSamples', () => {
  it('gives readable ids unique within the clip', () => {
    const samples = buildSamples({ clip, facts: FACTS, random: createRandom(1) });
    const ids = samples.map((sample) => sample.id);
    expect(new Set(ids).size).toBe(FACTS.length);
    expect(ids[0]).toBe('demo-0001:traveled_distance:car-1:0.00-19.50');
    expect(ids[5]).toBe('demo-0001:direction_timestamp:bus-3:9@4.00-8.50');
    expect(ids[7]).toBe('demo-0001:traveled_distance_comparison:car-1+ped-2:negative');
  });

  it('words each sample independently of the other facts and their order', () => {
    const forward = buildSamples({ clip, facts: FACTS, random: createRandom(4) });
    const backward = buildSamples({ clip, facts: [...FACTS].reverse(), random: createRandom(4) });
    expect([...backward].reverse()).toEqual(forward);
  });

  it('rejects two facts that ask the same question', () => {
    expect(() => buildSamples({ clip, facts: [FACTS[0]!, FACTS[1]!, FACTS[0]!], random: createRandom(1) })).toThrow(
      /facts\[2\].*facts\[0\]/,
    );
  });

  it('keeps the verbatim common prompt wording', () => {
    const [sample] = buildSamples({ clip: makeClip(3), facts: [FACTS[6]!], random: createRandom(0) });
    const [c1, c2] = sample!.objects.map((object) => object.color);
    const expected = PAPER_TEMPLATES.traveled_distance_comparison.common_prompt
      .replace('[SECONDS]', '1.50')
      .replace('[FRAMES]', '3')
      .replace('[SECOND1]s,[SECOND2]s,[SECOND3]s, ... .', '0.00s,0.50s,1.00s.')
      .replace('[COLOR1]', c1!)
      .replace('[COLOR2]', c2!);
    expect(sample!.conversations[0].value.startsWith(`<video>\n${expected}`)).toBe(true);
  });
});

describe('camera-free clips', () => {
  it('mark their samples visualPrompt: false and keep the SPEC prompt; a camera, image or 2D box lifts the flag', () => {
    const bare = {
      ...clip,
      camera: undefined,
      frames: clip.frames.map(({ t, timestamp }) => ({ t, ...(timestamp === undefined ? {} : { timestamp }) })),
      tracks: clip.tracks.map((track) => ({
        ...track,
        samples: track.samples.map(({ box2d: _box, ...rest }) => rest),
      })),
    };
    const [fact] = FACTS;
    const sample = buildSample({ clip: bare, fact: fact!, random: createRandom(1) });
    expect(parseSample(sample).visualPrompt).toBe(false);
    expect(sample.conversations[0].value).toContain('bounding box');
    const withImage = {
      ...bare,
      frames: bare.frames.map((frame, k) => (k === 0 ? { ...frame, image: 'a.jpg' } : frame)),
    };
    expect('visualPrompt' in buildSample({ clip: withImage, fact: fact!, random: createRandom(1) })).toBe(false);
    const withCamera = { ...bare, camera: { intrinsics: { fx: 1, fy: 1, cx: 0, cy: 0, width: 2, height: 2 } } };
    expect('visualPrompt' in buildSample({ clip: withCamera, fact: fact!, random: createRandom(1) })).toBe(false);
  });
});
