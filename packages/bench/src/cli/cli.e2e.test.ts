/**
 * All four commands end to end, in process, against a real chat-completions
 * server on a loopback port. Expected numbers are worked out by hand from the
 * fixture design in the comments.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, PROCESS_TIMEOUT_MS, runProcess, SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import type { Sample, TaskId } from '@stkit/core';
import { startChatServer, userText, type ChatServer } from '../__fixtures__/chat-server';
import { makeSample } from '../__fixtures__/samples';
import { main } from './main';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const REFUSAL = "I'm sorry, I can't tell from these frames.";

const COLORS: [string, string][] = [
  ['red', 'blue'],
  ['green', 'yellow'],
  ['orange', 'purple'],
  ['pink', 'cyan'],
];

/**
 * Four samples per task; index 0, 1 from nuscenes, 2, 3 from argoverse2; tag occlusion = index is even.
 * Box colours differ per index, so every question text is unique (the server looks samples up by it).
 */
function pool(): Sample[] {
  const out: Sample[] = [];
  for (let index = 0; index < 4; index++) {
    const [c1, c2] = COLORS[index]!;
    const common = (task: TaskId) => ({
      colors: [c1, c2] as [string, string],
      id: `${task}-${index}`,
      dataset: index < 2 ? 'nuscenes' : 'argoverse2',
      tags: { occlusion: index % 2 === 0 },
      // pipeline layout: OUT/samples/*.jsonl with frames relative to OUT
      frames: ['frames/f0.png', 'frames/f1.png'],
    });
    const meters = 10.25 + index;
    out.push(
      makeSample(
        'traveled_distance',
        { start: 2, end: 6.5, meters },
        {
          ...common('traveled_distance'),
          answer: `The given object traveled ${meters.toFixed(2)} meters between 2.00 and 6.50 seconds.`,
        },
      ),
    );
    const mps = 2.5 * (index + 1);
    out.push(
      makeSample(
        'traveling_speed',
        { start: 1.5, end: 7, metersPerSecond: mps },
        {
          ...common('traveling_speed'),
          answer: `The object's average speed between 1.50 and 7.00 seconds is ${mps.toFixed(2)} m/s.`,
        },
      ),
    );
    const clock = index * 3 + 1;
    out.push(
      makeSample(
        'movement_direction',
        { clock },
        {
          ...common('movement_direction'),
          answer: `The object moves in the direction of ${clock} o'clock at the end of the video.`,
        },
      ),
    );
    out.push(
      makeSample(
        'direction_timestamp',
        { clock: 3, start: index, end: index + 1.5 },
        {
          ...common('direction_timestamp'),
          answer: `From ${index.toFixed(2)} to ${(index + 1.5).toFixed(2)} seconds, the object is heading toward the 3 o'clock direction.`,
        },
      ),
    );
    out.push(
      makeSample(
        'traveled_distance_comparison',
        {
          polarity: 'positive',
          answerTrackId: index % 2 === 0 ? 'track-a' : 'track-b',
          values: { 'track-a': index % 2 === 0 ? 30 : 10, 'track-b': index % 2 === 0 ? 10 : 30 },
        },
        {
          ...common('traveled_distance_comparison'),
          answer: `The object annotated with the ${index % 2 === 0 ? c1 : c2} bounding box has traveled farther than the object annotated with the ${index % 2 === 0 ? c2 : c1} bounding box.`,
        },
      ),
    );
    out.push(
      makeSample(
        'traveling_speed_comparison',
        { polarity: 'negative', answerTrackId: 'track-b', values: { 'track-a': 9, 'track-b': 3 } },
        {
          ...common('traveling_speed_comparison'),
          question: `Which object moves more slowly throughout the video, the object annotated with the ${c1} bounding box or the ${c2} bounding box?`,
          answer: `In the video, the object annotated with the ${c2} bounding box moves more slowly than the one annotated with the ${c1} bounding box.`,
        },
      ),
    );
    out.push(
      makeSample(
        'movement_direction_comparison',
        { polarity: 'positive', same: index % 2 === 0 },
        {
          ...common('movement_direction_comparison'),
          answer: index % 2 === 0 ? 'Yes, they move in the same direction.' : 'No, they move in different directions.',
        },
      ),
    );
  }
  return out;
}

let server: ChatServer;
let dir: string;
let samples: Sample[];
/** Which responses the server gives: 'good' answers index 0 and 1 correctly and refuses 2 and 3; 'refuse' always refuses. */
const byQuestion = new Map<string, Sample>();

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

beforeAll(async () => {
  samples = pool();
  for (const sample of samples) byQuestion.set(sample.conversations[0].value.replace('<video>\n', ''), sample);
  server = await startChatServer((request) => {
    const sample = byQuestion.get(userText(request));
    if (!sample) return `unknown question: ${JSON.stringify(userText(request).slice(0, 300))}`;
    const index = Number(sample.id.slice(-1));
    return request.model === 'good' && index < 2 ? `**Answer:** ${sample.conversations[1].value}` : REFUSAL;
  });
  dir = await mkdtemp(join(tmpdir(), 'stkit-bench-cli-'));
  await mkdir(join(dir, 'out', 'samples'), { recursive: true });
  await mkdir(join(dir, 'out', 'frames'), { recursive: true });
  await writeFile(join(dir, 'out', 'frames', 'f0.png'), PNG);
  await writeFile(join(dir, 'out', 'frames', 'f1.png'), PNG);
  const lines = samples.map((sample) => JSON.stringify(sample));
  // File 1: half the samples and a malformed line 3. File 2: the rest and a line 2 that is no Sample.
  const half = lines.length / 2;
  await writeFile(
    join(dir, 'out', 'samples', 'part-1.jsonl'),
    [...lines.slice(0, 2), '{"id": "broken"', ...lines.slice(2, half)].join('\n') + '\n',
  );
  await writeFile(
    join(dir, 'out', 'samples', 'part-2.jsonl'),
    [lines[half], JSON.stringify({ id: 'no-label', task: 'traveled_distance' }), ...lines.slice(half + 1)].join('\n') +
      '\n',
  );
}, SERVER_START_TIMEOUT_MS);
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('stkit-bench end to end', () => {
  it('prints help for every command', async () => {
    for (const command of ['build', 'run', 'evaluate', 'report']) {
      const result = await run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: stkit-bench ${command}`);
    }
    expect((await run(['--help'])).stdout).toContain('Commands:');
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('build: balances, reports bad lines with file:line, writes statistics', async () => {
    const result = await run([
      'build',
      '--samples',
      join(dir, 'out'),
      '--out',
      join(dir, 'bench', 'bench.jsonl'),
      '--per-task',
      '4',
      '--mix',
      'nuscenes=0.5,argoverse2=0.5',
      '--seed',
      '1',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/part-1\.jsonl \(row 3\): malformed JSON/);
    expect(result.stderr).toMatch(/part-2\.jsonl \(row 2, field '\w+'\): Invalid input/);
    const bench = (await readFile(join(dir, 'bench', 'bench.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Sample);
    expect(bench).toHaveLength(28); // 4 per task × 7, all of the pool
    expect(bench[0]!.frames).toEqual(['../out/frames/f0.png', '../out/frames/f1.png']); // rebased from OUT to the bench folder
    const stats = await readFile(join(dir, 'bench', 'bench.stats.md'), 'utf8');
    expect(stats).toContain('| movement_direction | 4 | 4 |');
    expect(stats).toContain('| movement_direction | nuscenes | 2 | 2 | 2 |');
    expect(stats).toContain('2 invalid input line(s) were skipped.');
    expect(await readFile(join(dir, 'bench', 'bench.stats.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });

  it('run: answers every sample, resumes, retries a misbehaving server', async () => {
    const bench = join(dir, 'bench', 'bench.jsonl');
    const out = join(dir, 'pred-good.jsonl');
    server.misbehave({ status: 429, retryAfterMs: 10 }, { status: 500 });
    const first = await run([
      'run',
      '--bench',
      bench,
      '--model',
      'good',
      '--base-url',
      server.baseURL,
      '--out',
      out,
      '--concurrency',
      '3',
      '--retries',
      '3',
    ]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^28 answered, 0 already in/);
    const before = server.requests.length;
    const again = await run(['run', '--bench', bench, '--model', 'good', '--base-url', server.baseURL, '--out', out]);
    expect(again.stdout).toMatch(/^0 answered, 28 already in/);
    expect(server.requests.length).toBe(before);
    const refuse = await run([
      'run',
      '--bench',
      bench,
      '--model',
      'refuse',
      '--base-url',
      server.baseURL,
      '--out',
      join(dir, 'pred-refuse.jsonl'),
      '--frames',
      '1',
    ]);
    expect(refuse.code).toBe(0);
    const last = server.requests[server.requests.length - 1]!;
    expect((last.messages[0]!.content as { type: string }[]).filter((part) => part.type === 'image_url')).toHaveLength(
      1,
    );
  });

  it('run: exits 2 naming a missing flag, and 1 when samples keep failing', async () => {
    const missing = await run([
      'run',
      '--bench',
      join(dir, 'bench', 'bench.jsonl'),
      '--model',
      'good',
      '--out',
      join(dir, 'x.jsonl'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Invalid argument '--base-url': is required");
    server.misbehave({ status: 500 }, { status: 500 });
    const failing = await run([
      'run',
      '--bench',
      join(dir, 'bench', 'bench.jsonl'),
      '--model',
      'good',
      '--base-url',
      server.baseURL,
      '--out',
      join(dir, 'y.jsonl'),
      '--retries',
      '1',
      '--concurrency',
      '1',
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^27 answered, 0 already in .*, 1 failed/);
  });

  it('evaluate: writes results, report.json and a Table 3 report with breakdowns', async () => {
    const result = await run([
      'evaluate',
      '--bench',
      join(dir, 'bench', 'bench.jsonl'),
      '--predictions',
      join(dir, 'pred-good.jsonl'),
      '--out',
      join(dir, 'eval'),
    ]);
    expect(result.code).toBe(0);
    // Per task: index 0, 1 answered with the reference answer (correct, exact), 2, 3 refused → 50 %, MAE 0, mIoU 1.
    expect(result.stdout).toContain('good: average accuracy 50.0 % over 28 samples');
    const report = await readFile(join(dir, 'eval', 'report.md'), 'utf8');
    expect(report).toContain(
      '| good | 50.0 | 0.0 | 50.0 | 0.0 | 50.0 | 0.00 | 50.0 | 1.00 | 50.0 | 50.0 | 50.0 | 50.0 | 28 |',
    );
    // nuscenes = index 0, 1 (all correct); argoverse2 = 2, 3 (all refused); MAE undefined there.
    expect(report).toContain(
      '| nuscenes | 100.0 | 0.0 | 100.0 | 0.0 | 100.0 | 0.00 | 100.0 | 1.00 | 100.0 | 100.0 | 100.0 | 100.0 | 14 |',
    );
    expect(report).toContain('| argoverse2 | 0.0 | – | 0.0 | – | 0.0 | – | 0.0 | – | 0.0 | 0.0 | 0.0 | 0.0 | 14 |');
    // occlusion true = index 0, 2 → one right, one refused per task.
    expect(report).toContain('## By tag `occlusion`');
    expect(report).toContain('| true | 50.0 |');
    expect(report).toContain('| traveled_distance | 4 | 2 | 2 | 0 |');
    const json = JSON.parse(await readFile(join(dir, 'eval', 'report.json'), 'utf8'));
    expect(json.metrics.average).toBeCloseTo(0.5, 12);
    expect(json.metrics.tasks.traveled_distance.mae).toBeCloseTo(0, 9);
    expect(Object.keys(json.byTag)).toEqual(['occlusion']);
    const results = (await readFile(join(dir, 'eval', 'results.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results).toHaveLength(28);
    const distance0 = results.find((line) => line.id === 'traveled_distance-0');
    expect(distance0).toMatchObject({
      task: 'traveled_distance',
      prediction: { kind: 'distance', meters: 10.25 },
      correct: true,
      error: 0,
    });
    expect(results.find((line) => line.id === 'traveled_distance-2')).toMatchObject({
      prediction: null,
      correct: false,
      extracted: false,
    });
  });

  it('evaluate with the LLM extractor through the same kind of server', async () => {
    const judge = await startChatServer(() => '{"answer": 1, "response": 1, "score": 1}');
    try {
      const result = await run([
        'evaluate',
        '--bench',
        join(dir, 'bench', 'bench.jsonl'),
        '--predictions',
        join(dir, 'pred-good.jsonl'),
        '--out',
        join(dir, 'eval-llm'),
        '--extractor',
        'llm',
        '--extractor-model',
        'judge',
        '--base-url',
        judge.baseURL,
      ]);
      expect(result.code).toBe(0);
      expect(judge.requests).toHaveLength(28);
      const json = JSON.parse(await readFile(join(dir, 'eval-llm', 'report.json'), 'utf8'));
      expect(json.extractor).toBe('llm:judge');
      // The stub judge says "1" for everything: comparisons all judged correct → 100 %.
      expect(json.metrics.tasks.traveled_distance_comparison.accuracy).toBe(1);
    } finally {
      await judge.close();
    }
  });

  it(
    'report: several prediction files in one table and one SVG chart',
    async () => {
      const result = await run([
        'report',
        '--bench',
        join(dir, 'bench', 'bench.jsonl'),
        '--predictions',
        join(dir, 'pred-good.jsonl'),
        '--predictions',
        join(dir, 'pred-refuse.jsonl'),
        '--out',
        join(dir, 'cmp'),
      ]);
      expect(result.code).toBe(0);
      const markdown = await readFile(join(dir, 'cmp', 'report.md'), 'utf8');
      expect(markdown).toContain('| good | 50.0 |');
      expect(markdown).toContain('| refuse | 0.0 | – |');
      const svg = await readFile(join(dir, 'cmp', 'report.svg'), 'utf8');
      // One bar (a rect with a tooltip) per model and group: 2 models × (7 tasks + average) = 16, zero-height ones included.
      expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(16);
      expect(svg).toContain('<title>good · Average: 50</title>');
      // A peer XML parser (Python's) must accept the SVG.
      const { stdout: root } = await runProcess(DEBIAN_PYTHON, [
        '-c',
        'import sys,xml.etree.ElementTree as E; print(E.parse(sys.argv[1]).getroot().tag)',
        join(dir, 'cmp', 'report.svg'),
      ]);
      expect(root.trim()).toBe('{http://www.w3.org/2000/svg}svg');
      const names = await run([
        'report',
        '--bench',
        join(dir, 'bench', 'bench.jsonl'),
        '--predictions',
        join(dir, 'pred-good.jsonl'),
        '--name',
        'A',
        '--name',
        'B',
        '--out',
        join(dir, 'cmp2'),
      ]);
      expect(names.code).toBe(2);
      expect(names.stderr).toContain('give one name per predictions file');
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'the binary entry runs (shebang file through node)',
    async () => {
      const result = await runProcess(process.execPath, [
        '--conditions=@stkit/source',
        '--import',
        'tsx',
        join(import.meta.dirname, '..', 'cli.ts'),
        'evaluate',
        '--help',
      ]);
      expect(result.stdout).toContain('Usage: stkit-bench evaluate');
    },
    PROCESS_TIMEOUT_MS,
  );
});
