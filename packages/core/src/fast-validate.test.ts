import { describe, expect, it } from 'vitest';
import { isValidClip, isValidSample } from './fast-validate';
import { createRandom, type Random } from './random';
import { ClipSchema, SampleSchema } from './schemas';

function baseClip(): Record<string, unknown> {
  return {
    id: 'c',
    source: { dataset: 'd', log: 'l', split: 'val', camera: 'front', domain: 'driving' },
    up: [0, 0, 1],
    frames: [{ t: 0, timestamp: '100', image: 'a.jpg' }, { t: 0.5 }],
    camera: {
      intrinsics: { fx: 1000, fy: 1000, cx: 640, cy: 360, width: 1280, height: 720 },
      poses: [
        { rotation: [1, 0, 0, 0], translation: [0, 0, 0] },
        { rotation: [1, 0, 0, 0], translation: [1, 0, 0] },
      ],
    },
    tracks: [
      {
        id: 't',
        category: 'car',
        samples: [
          {
            t: 0,
            timestamp: '100',
            center: [0, 0, 0],
            size: [4, 2, 1.5],
            rotation: [1, 0, 0, 0],
            box2d: [0, 0, 10, 10],
          },
          { t: 0.5, center: [1, 0, 0] },
        ],
      },
    ],
  };
}

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  '1.5',
  -1,
  0,
  0.5,
  1e-12,
  Infinity,
  NaN,
  2.5,
  41,
  true,
  [],
  [1],
  [1, 2, 3],
  [1, 2, 3, 4],
  [1, 2, 'x'],
  {},
  { a: 1 },
];

/** Every [path, container] pair of the object tree. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(value))
    value.forEach((item, index) => out.push([...prefix, index], ...paths(item, [...prefix, index])));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) out.push([...prefix, key], ...paths(item, [...prefix, key]));
  return out;
}

function mutate(random: Random, make: () => Record<string, unknown> = baseClip): unknown {
  const clip = make();
  const all = paths(clip);
  const count = 1 + random.int(2);
  for (let index = 0; index < count; index++) {
    const path = random.pick(all);
    // biome-ignore lint/suspicious/noExplicitAny: walks arbitrary JSON paths of the clip to corrupt one value.
    let parent: any = clip;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    if (parent === undefined || parent === null || typeof parent !== 'object') continue;
    const key = path[path.length - 1]!;
    const action = random.int(4);
    if (action === 0) delete parent[key];
    else if (action === 1 && Array.isArray(parent)) parent.push(random.pick(BAD_VALUES));
    else parent[key] = random.pick(BAD_VALUES);
  }
  return clip;
}

describe('isValidClip', () => {
  it('agrees with ClipSchema on the base clip and on 5,000 random mutations of it', () => {
    expect(isValidClip(baseClip())).toBe(true);
    const random = createRandom(11);
    let rejected = 0;
    for (let index = 0; index < 5000; index++) {
      const candidate = mutate(random);
      const expected = ClipSchema.safeParse(candidate).success;
      const actual = isValidClip(candidate);
      if (actual !== expected) throw new Error(`disagreement (zod ${expected}) on ${JSON.stringify(candidate)}`);
      if (!expected) rejected++;
    }
    // The mutations exercise rejections as well as acceptances.
    expect(rejected).toBeGreaterThan(1000);
    expect(rejected).toBeLessThan(5000);
  });

  it('rejects a frame list longer than 40 and a zero up vector', () => {
    const long = { ...baseClip(), frames: Array.from({ length: 41 }, (_, k) => ({ t: k / 2 })) };
    expect(isValidClip(long)).toBe(false);
    expect(isValidClip({ ...baseClip(), up: [0, 0, 0] })).toBe(false);
  });
});

/** One sample of each task, every optional field present (written by hand from the SPEC's label shapes). */
function baseSamples(): Record<string, unknown>[] {
  const common = (task: string, label: Record<string, unknown>, objects = 1): Record<string, unknown> => ({
    id: `s-${task}`,
    clipId: 'c',
    source: { dataset: 'd', log: 'l', split: 'val', camera: 'front', domain: 'driving' },
    frameTimes: [0, 0.5, 1],
    frameTimestamps: ['100', '100.5', '101'],
    objects: [
      { trackId: 't1', category: 'car', color: 'red' },
      { trackId: 't2', category: 'truck', color: 'blue' },
    ].slice(0, objects),
    conversations: [
      { from: 'human', value: 'How far did the car in the red box travel?' },
      { from: 'gpt', value: '2.23 m' },
    ],
    video: 'v.mp4',
    frames: ['a.jpg', 'b.jpg', 'c.jpg'],
    visualPrompt: false,
    tags: { occluded: true, objects: 3, weather: 'rain' },
    task,
    label,
  });
  return [
    common('traveled_distance', { start: 0, end: 1, meters: 2.23 }),
    common('traveling_speed', { start: 0, end: 1, metersPerSecond: 0 }),
    common('movement_direction', { clock: 12 }),
    common('direction_timestamp', { clock: 3, start: 0.5, end: 1 }),
    common('traveled_distance_comparison', { polarity: 'positive', answerTrackId: 't1', values: { t1: 5, t2: 2 } }, 2),
    common('traveling_speed_comparison', { polarity: 'negative', answerTrackId: 't2', values: { t1: 5, t2: 2 } }, 2),
    common('movement_direction_comparison', { polarity: 'negative', same: false }, 2),
  ];
}

describe('isValidSample', () => {
  it('agrees with SampleSchema on a sample of each task and on 10,000 random mutations of them', () => {
    const bases = baseSamples();
    for (const base of bases) {
      expect(SampleSchema.safeParse(base).success).toBe(true);
      expect(isValidSample(base)).toBe(true);
    }
    const random = createRandom(12);
    let rejected = 0;
    for (let index = 0; index < 10_000; index++) {
      const base = bases[index % bases.length]!;
      const candidate = mutate(random, () => structuredClone(base));
      const expected = SampleSchema.safeParse(candidate).success;
      const actual = isValidSample(candidate);
      if (actual !== expected) throw new Error(`disagreement (zod ${expected}) on ${JSON.stringify(candidate)}`);
      if (!expected) rejected++;
    }
    expect(rejected).toBeGreaterThan(2000);
    expect(rejected).toBeLessThan(10_000);
  });

  it("agrees with SampleSchema on another task's label and on labels at their bounds", () => {
    const [distance, , direction] = baseSamples();
    const cases: [Record<string, unknown>, boolean][] = [
      [{ ...distance, label: { clock: 3 } }, false],
      [{ ...distance, label: { start: 0, end: 1, meters: -0.01 } }, false],
      [{ ...direction, label: { clock: 0 } }, false],
      [{ ...direction, label: { clock: 12.5 } }, false],
      [{ ...direction, label: { clock: 1 } }, true],
      [{ ...distance, task: 'unknown_task' }, false],
      [{ ...distance, objects: [] }, false],
      [{ ...distance, extra: 'ignored' }, true],
    ];
    for (const [candidate, valid] of cases) {
      expect(SampleSchema.safeParse(candidate).success).toBe(valid);
      expect(isValidSample(candidate)).toBe(valid);
    }
  });
});
