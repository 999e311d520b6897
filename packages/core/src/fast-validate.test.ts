import { describe, expect, it } from 'vitest';
import { isValidClip } from './fast-validate';
import { createRandom, type Random } from './random';
import { ClipSchema } from './schemas';

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

function mutate(random: Random): unknown {
  const clip = baseClip();
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
