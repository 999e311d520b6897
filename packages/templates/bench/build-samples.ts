// Benchmark: Sample assembly (buildSamples) against the floor of merely
// serialising and writing the same samples (JSON.stringify + one write per
// clip), on fixed synthetic clips, plus a naive peer (regex replace per
// placeholder, frame list rebuilt per sample) on the same input.
//
// Run: cd packages/templates && npx tsx bench/build-samples.ts [--clips 10000]
// Clips: 20 tracks × 40 frames (with nanosecond timestamps); facts per clip:
// 2 single-object facts per track (40) + 4 of each comparison (12) = 52.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom, type Clip, type Fact, type Random, type Sample } from '@stkit/core';
import { buildSamples, COLOR_PALETTE, formatDistance, formatSpeed, sampleIdFor, templateSetsFor } from '../src/index';

const argIndex = process.argv.indexOf('--clips');
const clipCount = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 10_000;
const TRACKS = 20;
const FRAMES = 40;

function makeClip(index: number): Clip {
  const random = createRandom(index);
  const base = 1553562431150000000n + BigInt(index) * 100_000_000_000n;
  return {
    id: `bench-${index.toString().padStart(5, '0')}`,
    source: { dataset: 'synthetic', log: `log-${index % 97}`, domain: 'driving' },
    up: [0, 0, 1],
    frames: Array.from({ length: FRAMES }, (_, k) => ({
      t: 0.5 * k,
      timestamp: (base + BigInt(k) * 500_000_000n).toString(),
    })),
    tracks: Array.from({ length: TRACKS }, (_, track) => ({
      id: `track-${track}`,
      category: track % 3 === 0 ? 'pedestrian' : 'car',
      samples: Array.from({ length: FRAMES }, (_, k) => ({
        t: 0.5 * k,
        center: [random.next() * 50, random.next() * 50, 0] as [number, number, number],
      })),
    })),
  };
}

function makeFacts(index: number): Fact[] {
  const random = createRandom(`facts-${index}`);
  const facts: Fact[] = [];
  for (let track = 0; track < TRACKS; track++) {
    const id = `track-${track}`;
    const start = random.int(10) * 0.5;
    const end = start + 2 + random.int(20) * 0.5;
    if (track % 2 === 0)
      facts.push({
        task: 'traveled_distance',
        trackIds: [id],
        label: { start, end, meters: random.next() * 300 },
        wholeVideo: track % 4 === 0,
      });
    else
      facts.push({
        task: 'traveling_speed',
        trackIds: [id],
        label: { start, end, metersPerSecond: random.next() * 25 },
        wholeVideo: track % 4 === 1,
      });
    if (track % 2 === 0)
      facts.push({ task: 'movement_direction', trackIds: [id], label: { clock: 1 + random.int(12) } });
    else facts.push({ task: 'direction_timestamp', trackIds: [id], label: { clock: 1 + random.int(12), start, end } });
  }
  for (let pair = 0; pair < 4; pair++) {
    const a = `track-${pair * 2}`;
    const b = `track-${pair * 2 + 1}`;
    const polarity = pair % 2 === 0 ? 'positive' : 'negative';
    const values = { [a]: 10 + pair, [b]: 30 + pair };
    const answerTrackId = polarity === 'positive' ? b : a;
    facts.push({ task: 'traveled_distance_comparison', trackIds: [a, b], label: { polarity, answerTrackId, values } });
    facts.push({ task: 'traveling_speed_comparison', trackIds: [a, b], label: { polarity, answerTrackId, values } });
    facts.push({ task: 'movement_direction_comparison', trackIds: [a, b], label: { polarity, same: pair < 2 } });
  }
  return facts;
}

/** Naive peer: same output shape, regex replacement, frame list rebuilt per sample, no caching. */
function naiveSample(clip: Clip, fact: Fact, random: Random): Sample {
  const indices: number[] = [];
  for (let i = 0; i < 32; i++) indices.push(Math.round((i * (clip.frames.length - 1)) / 31));
  const frameTimes = indices.map((k) => clip.frames[k]!.t);
  const colors = random.shuffle(COLOR_PALETTE).slice(0, fact.trackIds.length);
  const sets = templateSetsFor(fact);
  const label = fact.label as Record<string, unknown>;
  const values: Record<string, string> = {
    SECONDS: '20.00',
    FRAMES: String(frameTimes.length),
    COLOR: colors[0]!.name,
    COLOR1: colors[0]!.name,
    COLOR2: colors[1]?.name ?? '',
    START: typeof label.start === 'number' ? label.start.toFixed(2) : '',
    END: typeof label.end === 'number' ? label.end.toFixed(2) : '',
    CLOCK: String(label.clock ?? ''),
    DISTANCE: typeof label.meters === 'number' ? formatDistance(label.meters, random).text : '',
    SPEED: typeof label.metersPerSecond === 'number' ? formatSpeed(label.metersPerSecond, random).text : '',
  };
  const fill = (text: string) =>
    text
      .replace(
        /\[SECOND1\]s,\[SECOND2\]s,\[SECOND3\]s, \.\.\. \./,
        `${frameTimes.map((t) => `${t.toFixed(2)}s`).join(',')}.`,
      )
      .replace(/\[([A-Z0-9]+)\]/g, (_, name: string) => values[name] ?? '');
  return {
    id: sampleIdFor(clip.id, fact),
    task: fact.task,
    clipId: clip.id,
    source: clip.source,
    frameTimes,
    frameTimestamps: indices.map((k) => clip.frames[k]!.timestamp!),
    objects: fact.trackIds.map((trackId, i) => ({
      trackId,
      category: clip.tracks.find((t) => t.id === trackId)!.category,
      color: colors[i]!.name,
    })),
    label: fact.label,
    conversations: [
      { from: 'human', value: `<video>\n${fill(sets.commonPrompt)}${fill(random.pick(sets.questions))}` },
      { from: 'gpt', value: fill(random.pick(sets.answers)) },
    ],
  } as Sample;
}

// CPU seconds of this process (user + system): steadier than wall time on a shared machine.
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const wall = () => Number(process.hrtime.bigint()) / 1e9;
const file = join(tmpdir(), `stkit-templates-bench-${process.pid}.jsonl`);

function run(label: string, clips: number, build: (clip: Clip, facts: Fact[], random: Random) => Sample[]) {
  const fd = openSync(file, 'w');
  let buildSeconds = 0;
  let floorSeconds = 0;
  let buildWall = 0;
  let floorWall = 0;
  let samples = 0;
  let bytes = 0;
  for (let index = 0; index < clips; index++) {
    const clip = makeClip(index % 500); // 500 distinct clips, re-used (as new objects would be per input line)
    const facts = makeFacts(index);
    const w0 = wall();
    const t0 = cpu();
    const built = build(clip, facts, createRandom(index));
    const t1 = cpu();
    const w1 = wall();
    let text = '';
    for (const sample of built) text += `${JSON.stringify(sample)}\n`;
    writeSync(fd, text);
    const t2 = cpu();
    const w2 = wall();
    buildSeconds += t1 - t0;
    floorSeconds += t2 - t1;
    buildWall += w1 - w0;
    floorWall += w2 - w1;
    samples += built.length;
    bytes += text.length;
  }
  closeSync(fd);
  unlinkSync(file);
  return { label, clips, samples, bytes, buildSeconds, floorSeconds, buildWall, floorWall };
}

const ours = (clip: Clip, facts: Fact[], random: Random) => buildSamples({ clip, facts, random });
const naive = (clip: Clip, facts: Fact[], random: Random) =>
  facts.map((fact) => naiveSample(clip, fact, random.fork(sampleIdFor(clip.id, fact))));

run('warm-up', 300, ours);
run('warm-up', 300, naive);
const rows = [run('buildSamples', clipCount, ours), run('naive peer', clipCount, naive)];
const rss = process.resourceUsage().maxRSS / 1024;

console.log(`${clipCount} clips (${TRACKS} tracks × ${FRAMES} frames), node ${process.version}`);
console.log('CPU seconds (user + system) per phase; wall seconds in brackets');
console.log(
  '| implementation | samples | MB written | build s | µs/sample (build) | floor s (stringify + write) | (build + floor) / floor |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.label} | ${row.samples} | ${(row.bytes / 1e6).toFixed(0)} | ${row.buildSeconds.toFixed(2)} (${row.buildWall.toFixed(2)}) | ` +
      `${((row.buildSeconds / row.samples) * 1e6).toFixed(1)} | ${row.floorSeconds.toFixed(2)} (${row.floorWall.toFixed(2)}) | ` +
      `${((row.buildSeconds + row.floorSeconds) / row.floorSeconds).toFixed(2)} (${((row.buildWall + row.floorWall) / row.floorWall).toFixed(2)}) |`,
  );
}
console.log(`peak RSS ${rss.toFixed(0)} MB`);
