import { createRandom } from '@stkit/core';
import { describe, expect, it } from 'vitest';
import { COLOR_PALETTE, colorByName, pickColors, type PaletteColor } from './palette';

describe('COLOR_PALETTE', () => {
  it('has unique names and visibly different colours', () => {
    expect(new Set(COLOR_PALETTE.map((color) => color.name)).size).toBe(COLOR_PALETTE.length);
    expect(COLOR_PALETTE.length).toBeGreaterThanOrEqual(6);
    for (let a = 0; a < COLOR_PALETTE.length; a++) {
      for (let b = a + 1; b < COLOR_PALETTE.length; b++) {
        const [p, q] = [COLOR_PALETTE[a]!.rgb, COLOR_PALETTE[b]!.rgb];
        expect(
          Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]),
          `${COLOR_PALETTE[a]!.name} vs ${COLOR_PALETTE[b]!.name}`,
        ).toBeGreaterThanOrEqual(100);
      }
      for (const channel of COLOR_PALETTE[a]!.rgb)
        expect(Number.isInteger(channel) && channel >= 0 && channel <= 255).toBe(true);
    }
    expect(colorByName('red')?.rgb).toEqual([255, 0, 0]);
    expect(colorByName('mauve')).toBeUndefined();
  });
});

describe('pickColors', () => {
  it('gives two different colours, every ordered pair about equally often', () => {
    const random = createRandom(7);
    const counts = new Map<string, number>();
    const draws = 56_000;
    let equal = 0;
    for (let index = 0; index < draws; index++) {
      const [a, b] = pickColors(random, 2);
      if (a!.name === b!.name) equal++;
      const key = `${a!.name}/${b!.name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(equal).toBe(0);
    // 8 · 7 = 56 ordered pairs, 1000 expected each; ±5 σ ≈ ±160.
    expect(counts.size).toBe(56);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(160);
  });

  it('is deterministic per seed and supports custom palettes', () => {
    const a = pickColors(createRandom('x'), 3).map((color) => color.name);
    const b = pickColors(createRandom('x'), 3).map((color) => color.name);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(3);
    const two: PaletteColor[] = [
      { name: 'black', rgb: [0, 0, 0] },
      { name: 'white', rgb: [255, 255, 255] },
    ];
    expect(
      pickColors(createRandom(1), 2, two)
        .map((color) => color.name)
        .sort(),
    ).toEqual(['black', 'white']);
    expect(() => pickColors(createRandom(1), 3, two)).toThrow(/count/);
    expect(() => pickColors(createRandom(1), 1, [two[0]!, two[0]!])).toThrow(/duplicate colour name/);
  });
});
