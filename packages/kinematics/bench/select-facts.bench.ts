/**
 * Benchmark of `selectFacts` on 10,000 synthetic clips × 20 tracks × 40
 * frames (the `stkit qa` benchmark input), against the floor of merely
 * serialising its output (one JSON line per fact) and the cost of parsing
 * the input clips from JSON lines. Clips are streamed in batches of 500
 * (as `stkit qa` streams its input), so the heap stays small; generation is
 * not timed. CPU time (user + system) and wall time are summed per step.
 *
 *   cd packages/kinematics && npx tsx --conditions=@stkit/source bench/select-facts.bench.ts [clips] [repeats]
 */
import { createRandom, type Fact } from '@stkit/core';
import { selectFacts } from '../src/index';
import { syntheticClipBatches } from './synthetic-clips';

const clipCount = Number(process.argv[2] ?? 10_000);
const repeats = Number(process.argv[3] ?? 3);
const batchSize = 500;

interface Time {
  wall: number;
  cpu: number;
}

/** Wall and CPU (user + system) milliseconds of one run, added to `into`. */
function time(into: Time, run: () => void): void {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  run();
  into.wall += Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  into.cpu += (cpu.user + cpu.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

let factCount = 0;
let bytes = 0;
function pass(): { select: Time; serialize: Time; parse: Time } {
  const totals = { select: { wall: 0, cpu: 0 }, serialize: { wall: 0, cpu: 0 }, parse: { wall: 0, cpu: 0 } };
  factCount = 0;
  bytes = 0;
  for (const clips of syntheticClipBatches(clipCount, batchSize)) {
    const lines = clips.map((clip) => JSON.stringify(clip));
    time(totals.parse, () => {
      for (const line of lines) JSON.parse(line);
    });
    let facts: Fact[][] = [];
    time(totals.select, () => {
      facts = clips.map((clip) => selectFacts(clip, { random: createRandom(7).fork(clip.id) }).facts);
    });
    time(totals.serialize, () => {
      for (const clipFacts of facts) for (const fact of clipFacts) bytes += JSON.stringify(fact).length + 1;
    });
    for (const clipFacts of facts) factCount += clipFacts.length;
  }
  return totals;
}

pass(); // warm-up (JIT)
const runs = Array.from({ length: repeats }, pass);
const med = (step: 'select' | 'serialize' | 'parse', key: keyof Time) => median(runs.map((run) => run[step][key]));
const floor = { wall: med('serialize', 'wall'), cpu: med('serialize', 'cpu') };
const row = (name: string, step: 'select' | 'serialize' | 'parse') => {
  const wall = med(step, 'wall');
  const cpu = med(step, 'cpu');
  return `| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${((1000 * cpu) / clipCount).toFixed(1)} | ${(wall / floor.wall).toFixed(2)} | ${(cpu / floor.cpu).toFixed(2)} |`;
};
console.log(
  `${clipCount} clips × 20 tracks × 40 frames → ${factCount} facts (${(bytes / 1e6).toFixed(1)} MB as JSON lines); median of ${repeats}; Node ${process.version}`,
);
console.log('| step | wall ms | CPU ms | CPU µs / clip | wall × floor | CPU × floor |');
console.log('|---|---|---|---|---|---|');
console.log(row('selectFacts (all seven tasks)', 'select'));
console.log(row('floor: JSON.stringify of the facts', 'serialize'));
console.log(row('reference: JSON.parse of the input clips', 'parse'));
const selectCpu = med('select', 'cpu');
console.log(
  `facts/s (CPU): ${((factCount / selectCpu) * 1000).toFixed(0)}; clips/s (CPU): ${((clipCount / selectCpu) * 1000).toFixed(0)}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
