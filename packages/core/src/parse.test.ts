import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from './errors';
import { renderJsonSchemas } from './json-schema';
import { parseClip, parseJsonLine, parseSample, safeParseClip, safeParseSample } from './parse';

const clip = {
  id: 'demo-0',
  source: { dataset: 'demo', log: 'town', domain: 'driving' },
  up: [0, 0, 1],
  frames: [{ t: 0 }, { t: 0.5 }],
  tracks: [
    {
      id: 'car-1',
      category: 'car',
      samples: [
        { t: 0, center: [0, 0, 0] },
        { t: 0.5, center: [1, 0, 0] },
      ],
    },
  ],
};

const sample = {
  id: 'demo-0:traveled_distance:0',
  task: 'traveled_distance',
  clipId: 'demo-0',
  source: { dataset: 'demo', log: 'town' },
  frameTimes: [0, 0.5],
  objects: [{ trackId: 'car-1', category: 'car', color: 'red' }],
  label: { start: 0, end: 0.5, meters: 1 },
  conversations: [
    { from: 'human', value: '<video>\nq' },
    { from: 'gpt', value: 'a' },
  ],
};

describe('parseClip', () => {
  it('accepts a valid clip', () => {
    expect(parseClip(clip).tracks[0]!.samples[1]!.center).toEqual([1, 0, 0]);
  });

  it('names the offending path, file and line', () => {
    const bad = structuredClone(clip) as { tracks: { samples: { center: unknown[] }[] }[] };
    bad.tracks[0]!.samples[1]!.center[2] = 'x';
    const result = safeParseClip(bad, { file: 'clips.jsonl', line: 7 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(DatasetFormatError.isInstance(result.error)).toBe(true);
    expect(result.error.field).toBe('tracks[0].samples[1].center[2]');
    expect(result.error.row).toBe(7);
    expect(result.error.message).toMatch(/^clips\.jsonl \(row 7, field 'tracks\[0\]\.samples\[1\]\.center\[2\]'\): /);
  });

  it('rejects more than 40 frames and a zero up vector', () => {
    const long = { ...clip, frames: Array.from({ length: 41 }, (_, k) => ({ t: k * 0.5 })) };
    expect(() => parseClip(long)).toThrow(/frames/);
    expect(() => parseClip({ ...clip, up: [0, 0, 0] })).toThrow(/up must be non-zero/);
  });
});

describe('parseSample', () => {
  it('accepts a valid sample and checks the label shape per task', () => {
    expect(parseSample(sample).task).toBe('traveled_distance');
    const wrong = { ...sample, task: 'movement_direction' };
    const result = safeParseSample(wrong);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.field).toMatch(/^label/);
    expect(() => parseSample({ ...sample, task: 'movement_direction', label: { clock: 13 } })).toThrow(/label\.clock/);
  });
});

describe('parseJsonLine', () => {
  it('reports malformed JSON with file and line', () => {
    expect(() => parseJsonLine('{"id": ', { file: 'x.jsonl', line: 3 })).toThrow(/^x\.jsonl \(row 3\): malformed JSON/);
  });
});

describe('JSON Schema files', () => {
  it('match the zod schemas (run `npm run schemas -w @stkit/core` when this fails)', () => {
    for (const [file, text] of Object.entries(renderJsonSchemas())) {
      expect(readFileSync(join(__dirname, '..', 'schemas', file), 'utf8')).toBe(text);
    }
  });
});
