import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, type Clip } from '@stkit/core';
import { jsonForScript } from './page';
import { clipPlot } from './trajectories';
import { writeSampleViewer } from './write-viewer';

const clip: Clip = {
  id: 'c1',
  source: { dataset: 'mine', log: 'l' },
  up: [0, 0, 1],
  frames: [0, 0.5, 1, 1.5, 2].map((t) => ({ t })),
  tracks: [
    // 10 Hz annotations off the grid: 0.05 s, 0.15 s, … moving +x at 4 m/s; a 1.2 s hole from 1.05 s to 2.25 s.
    {
      id: 'car',
      category: 'car',
      samples: [0.05, 0.45, 0.55, 0.95, 1.05, 2.25].map((t) => ({
        t,
        center: [4 * t, 1, 0.5] as [number, number, number],
      })),
    },
    { id: 'other', category: 'bus', samples: [{ t: 0, center: [0, 0, 0] }] },
  ],
};

describe('clipPlot', () => {
  it('samples the named tracks on the 0.5 s grid with the 1.0 s interpolation rule, ground plane seen from above', () => {
    const plot = clipPlot(clip, new Set(['car']));
    expect(Object.keys(plot.tracks)).toEqual(['car']);
    expect(plot.times).toEqual([0, 0.5, 1, 1.5, 2]);
    // t = 0: before the first annotation → absent; 0.5 and 1.0 interpolated (gaps 0.1 s): x = 4·t; 1.5, 2.0 inside the 1.2 s hole → absent.
    expect(plot.tracks.car!.points).toEqual([null, [2, 1], [4, 1], null, null]);
    // The first step 0.5 → 1.0 s is 2 m along +x: 12 o'clock.
    expect(plot.tracks.car!.reference).toEqual({ step: 1, x: 2, y: 0 });
  });

  it('projects onto the plane normal to a tilted up vector', () => {
    const tilted: Clip = {
      ...clip,
      up: [0, 1, 0],
      tracks: [
        {
          id: 'p',
          category: 'person',
          samples: [0, 0.5, 1, 1.5, 2].map((t) => ({ t, center: [0, 7, 3 * t] as [number, number, number] })),
        },
      ],
    };
    const points = clipPlot(tilted, new Set(['p'])).tracks.p!.points;
    // up = +y: the height 7 drops out; ground basis e1 = x, e2 = up × e1 = -z, so z = 3t maps to e2 = -3t.
    [0, -1.5, -3, -4.5, -6].forEach((expected, k) => expect(points[k]![1]).toBeCloseTo(expected, 9));
    expect(points.every((point) => point?.[0] === 0)).toBe(true);
  });
});

describe('jsonForScript', () => {
  it('leaves no character that can end the script block or start markup', () => {
    const text = jsonForScript({ q: '</script><img src=x onerror=alert(1)> & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ q: '</script><img src=x onerror=alert(1)> & \u2028' });
  });
});

describe('writeSampleViewer', () => {
  it('names the missing input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-view-'));
    const error = await writeSampleViewer({ samples: join(dir, 'nope'), outDir: join(dir, 'out') }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('--samples');
    await mkdir(join(dir, 'empty'));
    await expect(writeSampleViewer({ samples: join(dir, 'empty'), outDir: join(dir, 'out') })).rejects.toThrow(
      /no \*\.jsonl/,
    );
  });

  it('skips an invalid line with its file and line, and writes the page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stkit-view-'));
    await mkdir(join(dir, 'samples'));
    await writeFile(join(dir, 'samples', 'part-00000.jsonl'), '{"id": "x"}\nnot json\n');
    const invalid: string[] = [];
    const result = await writeSampleViewer({
      samples: join(dir, 'samples'),
      outDir: join(dir, 'view'),
      onInvalid: (error) => invalid.push(error.message),
    });
    expect(result).toMatchObject({ samples: 0, invalidLines: 2 });
    expect(invalid[1]).toMatch(/part-00000\.jsonl.*row 2/);
    expect(await readFile(result.page, 'utf8')).toMatch(/^<!doctype html>/);
  });
});
