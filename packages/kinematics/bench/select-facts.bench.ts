/**
 * Benchmark of `selectFacts` on 10,000 synthetic clips × 20 tracks × 40
 * frames (the `stkit qa` benchmark input), against the floor of merely
 * serialising its output (one JSON line per fact) and the cost of parsing
 * the input clips from JSON lines.
 *
 *   cd packages/kinematics && npx tsx --conditions=@stkit/source bench/select-facts.bench.ts [clips] [repeats]
 */
import { createRandom } from '@stkit/core';
import { selectFacts } from '../src/index';
import { syntheticClips } from './synthetic-clips';

const clipCount = Number(process.argv[2] ?? 10_000);
const repeats = Number(process.argv[3] ?? 5);
const clips = syntheticClips(clipCount);
const lines = clips.map((clip) => JSON.stringify(clip));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall and CPU (user + system) milliseconds of one run. */
function time(run: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  run();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

let facts: ReturnType<typeof selectFacts>['facts'][] = [];
const select = () => {
  facts = clips.map((clip) => selectFacts(clip, { random: createRandom(7).fork(clip.id) }).facts);
};
let bytes = 0;
const serialize = () => {
  bytes = 0;
  for (const clipFacts of facts) for (const fact of clipFacts) bytes += JSON.stringify(fact).length + 1;
};
const parse = () => {
  for (const line of lines) JSON.parse(line);
};

// Warm-up (JIT), then interleaved repeats.
select();
serialize();
parse();
const runs = { select: [] as { wall: number; cpu: number }[], serialize: [] as { wall: number; cpu: number }[], parse: [] as { wall: number; cpu: number }[] };
for (let r = 0; r < repeats; r++) {
  runs.select.push(time(select));
  runs.serialize.push(time(serialize));
  runs.parse.push(time(parse));
}
const med = (list: { wall: number; cpu: number }[], key: 'wall' | 'cpu') => median(list.map((entry) => entry[key]));
const factCount = facts.reduce((sum, clipFacts) => sum + clipFacts.length, 0);
const floor = { wall: med(runs.serialize, 'wall'), cpu: med(runs.serialize, 'cpu') };
const row = (name: string, list: { wall: number; cpu: number }[]) => {
  const wall = med(list, 'wall');
  const cpu = med(list, 'cpu');
  return `| ${name} | ${wall.toFixed(0)} | ${cpu.toFixed(0)} | ${((1000 * cpu) / clipCount).toFixed(1)} | ${(wall / floor.wall).toFixed(2)} | ${(cpu / floor.cpu).toFixed(2)} |`;
};
console.log(`${clipCount} clips × 20 tracks × 40 frames → ${factCount} facts (${(bytes / 1e6).toFixed(1)} MB as JSON lines); median of ${repeats}; Node ${process.version}`);
console.log('| step | wall ms | CPU ms | CPU µs / clip | wall × floor | CPU × floor |');
console.log('|---|---|---|---|---|---|');
console.log(row('selectFacts (all seven tasks)', runs.select));
console.log(row('floor: JSON.stringify of the facts', runs.serialize));
console.log(row('reference: JSON.parse of the input clips', runs.parse));
const selectCpu = med(runs.select, 'cpu');
console.log(`facts/s (CPU): ${((factCount / selectCpu) * 1000).toFixed(0)}; clips/s (CPU): ${((clipCount / selectCpu) * 1000).toFixed(0)}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
