/**
 * CPU and wall time of `generatePseudo` in-process (the sources already transpiled: the second and later runs), on a
 * scene written by write-scene.ts — the machine's load inflates wall time, CPU time much less.
 *
 *   node --conditions=@stkit/source --import tsx bench/pseudo-scenes/cpu-time.ts /tmp/drive-40 [--repeats 4]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePseudo, gsam2MaskSource } from '../../src/index';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeats: { type: 'string', default: '4' } },
});
const dir = positionals[0]!;
const rows: { cpu: number; wall: number }[] = [];
for (let run = 0; run <= Number(values.repeats); run++) {
  const cpu = process.cpuUsage(),
    wall = performance.now();
  await generatePseudo({
    outDir: join(dir, 'out-cpu'),
    monst3rDir: join(dir, 'monst3r'),
    metricDepthDir: join(dir, 'metric3d'),
    masks: await gsam2MaskSource(join(dir, 'gsam2')),
    source: { dataset: 'synthetic', log: 'drive', domain: 'driving' },
    inspect: true,
  });
  const used = process.cpuUsage(cpu);
  if (run > 0) rows.push({ cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 });
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `${dir}: median CPU ${median(rows.map((row) => row.cpu)).toFixed(2)} s, wall ${median(rows.map((row) => row.wall)).toFixed(2)} s over ${rows.length} runs after a warm-up (CPU: ${rows.map((row) => row.cpu.toFixed(2)).join(', ')})`,
);
