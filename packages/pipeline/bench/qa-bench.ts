// Benchmark of `stkit qa` against its floor: the time of merely serialising
// and writing the same output.
//
//   npx turbo run build --filter=@stkit/pipeline... && node --import tsx bench/qa-bench.ts [--clips 10000] [--tracks 20] [--workers 2] [--dir DIR (default: stkit-qa-bench in the OS temp folder)]
//
// Steps (each phase runs in its own child process, so peak memory is per phase):
//   generate  10,000 synthetic clips (20 tracks × 40 frames, seed 1) → DIR/clips.jsonl (cached)
//   qa        generateQa(DIR/clips.jsonl → DIR/qa), timed in-process: read + validate + select + phrase + write
//   parse     reading DIR/clips.jsonl line by line and JSON.parse of each line, nothing else (single thread)
//   floor     the samples of DIR/qa parsed into memory (untimed), then timed: JSON.stringify of each + writing the
//             same shard files to DIR/floor
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// The built package (what users run; its worker threads load plain JS). Build first: npx turbo run build --filter=@stkit/pipeline...
const { createDemoClips, generateQa } = (await import(
  process.env.STKIT_BENCH_SOURCE ? '../src/index' : '../dist/index.js'
)) as typeof import('../src/index');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workers: { type: 'string', default: '2' },
    clips: { type: 'string', default: '10000' },
    tracks: { type: 'string', default: '20' },
    dir: { type: 'string', default: join(tmpdir(), 'stkit-qa-bench') },
  },
});
const clipCount = Number(values.clips);
const trackCount = Number(values.tracks);
const dir = values.dir!;
const clipsFile = join(dir, `clips-${clipCount}x${trackCount}.jsonl`);
const phase = positionals[0] ?? 'all';

async function generate(): Promise<void> {
  if (existsSync(clipsFile)) return;
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(`${clipsFile}.tmp`);
  for (let start = 0; start < clipCount; start += 500) {
    const clips = createDemoClips({
      count: Math.min(500, clipCount - start),
      seed: 1 + start,
      kind: { tracks: trackCount },
    });
    for (const clip of clips) {
      clip.id = `synthetic-${String(start + Number(clip.id.slice(-5))).padStart(6, '0')}`;
      if (!out.write(`${JSON.stringify(clip)}\n`)) await new Promise((resolve) => out.once('drain', resolve));
    }
  }
  await new Promise((resolve) => out.end(resolve));
  renameSync(`${clipsFile}.tmp`, clipsFile);
}

async function runQa(): Promise<object> {
  const outDir = join(dir, 'qa');
  await rm(outDir, { recursive: true, force: true });
  const started = performance.now();
  const result = await generateQa({ files: [clipsFile], outDir, seed: 0, workers: Number(values.workers) });
  const seconds = (performance.now() - started) / 1000;
  return {
    phase: 'qa',
    workers: Number(values.workers),
    seconds,
    clips: result.clips,
    samples: result.samples,
    samplesPerSecond: result.samples / seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

async function runFloor(): Promise<object> {
  const qaDir = join(dir, 'qa', 'samples');
  const outDir = join(dir, 'floor');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const shards = readdirSync(qaDir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  const parsed = shards.map((name) =>
    readFileSync(join(qaDir, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as object),
  );
  let samples = 0;
  const started = performance.now();
  for (let index = 0; index < shards.length; index++) {
    const lines = parsed[index]!.map((sample) => JSON.stringify(sample));
    samples += lines.length;
    await writeFile(join(outDir, shards[index]!), `${lines.join('\n')}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    phase: 'floor',
    seconds,
    samples,
    samplesPerSecond: samples / seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

// The input side: reading the clip lines and JSON.parse of each (no validation, no work), timed the same way.
async function runParse(): Promise<object> {
  const { readLines } = await import('../src/read-lines');
  let clips = 0;
  let numbers = 0;
  const started = performance.now();
  for await (const [, text] of readLines(clipsFile)) {
    if (text === '') continue;
    const clip = JSON.parse(text) as { tracks: unknown[] };
    numbers += clip.tracks.length;
    clips++;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    phase: 'parse',
    seconds,
    samples: 0,
    clips,
    tracks: numbers,
    samplesPerSecond: 0,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

function child(name: string): { seconds: number; samples: number; samplesPerSecond: number; peakRssMiB: number } {
  const output = execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      process.argv[1]!,
      name,
      '--clips',
      String(clipCount),
      '--tracks',
      String(trackCount),
      '--dir',
      dir,
      '--workers',
      values.workers!,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  return JSON.parse(output.trim().split('\n').pop()!);
}

if (phase === 'generate') await generate();
else if (phase === 'qa') console.log(JSON.stringify(await runQa()));
else if (phase === 'floor') console.log(JSON.stringify(await runFloor()));
else if (phase === 'parse') console.log(JSON.stringify(await runParse()));
else {
  await generate();
  const qa = child('qa');
  const floor = child('floor');
  const parse = child('parse');
  const row = (label: string, r: typeof qa) =>
    `| ${label} | ${r.samples} | ${r.seconds.toFixed(2)} | ${Math.round(r.samplesPerSecond)} | ${Math.round(r.peakRssMiB)} |`;
  console.log(`clips: ${clipCount} × ${trackCount} tracks × 40 frames (${clipsFile})\n`);
  console.log('| phase | samples | seconds | samples/s | peak RSS (MiB) |\n|---|---|---|---|---|');
  console.log(row('stkit qa (generateQa)', qa));
  console.log(row('floor: serialise + write', floor));
  console.log(
    `| input only: read lines + JSON.parse | – | ${parse.seconds.toFixed(2)} | – | ${Math.round(parse.peakRssMiB)} |`,
  );
  console.log(`\nratio qa / floor: ${(qa.seconds / floor.seconds).toFixed(2)}×`);
  console.log(`ratio qa / (input parse + floor): ${(qa.seconds / (parse.seconds + floor.seconds)).toFixed(2)}×`);
}
