/**
 * Does [definitions §4](docs/pages/definitions.md#filtering)'s Kalman smoothing (q = 1, r = 1000) reduce the traveled-
 * distance error of noisy centroid trajectories? Error rate = |pred − GT| / GT
 * ([definitions §4](docs/pages/definitions.md#filtering)), mean over 200 noise draws per cell, for three synthetic
 * trajectories (test/synthetic-trajectories.ts) and centroid noise σ per axis.
 *
 *   cd packages/filters && npx tsx bench/kalman-trajectories.ts
 */
import { smoothTrajectory, type KalmanSmoothingOptions } from '../src/kalman-smoothing';
import {
  addNoise,
  stopAndGo,
  straight,
  traveledDistance,
  turning,
  type Trajectory,
} from '../test/synthetic-trajectories';

const DRAWS = Number(process.argv[2] ?? 200);
const variants: [string, KalmanSmoothingOptions | undefined][] = [
  ['raw centroids', undefined],
  ['CV, RTS smoother (default)', {}],
  ['CV, forward only', { passMode: 'forward' }],
  ['CP, RTS smoother', { model: 'constant-position' }],
  ['CP, forward only', { model: 'constant-position', passMode: 'forward' }],
  ['CV, RTS, r = 10', { measurementVariance: 10 }],
];
const scenarios: [string, Trajectory][] = [
  ['straight', straight()],
  ['turning', turning()],
  ['stop-and-go', stopAndGo()],
];
const sigmas = [0.1, 0.5, 1.0, 2.0];

console.log(`mean traveled-distance error rate (%) over ${DRAWS} noise draws; 40 frames at 0.5 s`);
console.log(`| trajectory (GT m) | σ (m) | ${variants.map(([name]) => name).join(' | ')} |`);
console.log(`|---|---:|${variants.map(() => '---:').join('|')}|`);
for (const [name, truth] of scenarios) {
  const reference = traveledDistance(truth.positions);
  for (const sigma of sigmas) {
    const sums = new Float64Array(variants.length);
    for (let draw = 0; draw < DRAWS; draw++) {
      const noisy = addNoise(truth, sigma, `${name}-${sigma}-${draw}`);
      variants.forEach(([, options], index) => {
        const positions =
          options === undefined ? noisy.positions : smoothTrajectory(noisy.positions, noisy.times, options).positions;
        sums[index]! += Math.abs(traveledDistance(positions) - reference) / reference;
      });
    }
    console.log(
      `| ${name} (${reference.toFixed(1)}) | ${sigma} | ${Array.from(sums, (sum) => ((100 * sum) / DRAWS).toFixed(1)).join(' | ')} |`,
    );
  }
}
