/**
 * The pseudo-label yardstick: generated scenes with the defects of the real
 * tools (see render.ts), run through `generatePseudo` with the default
 * filters, [definitions §4](docs/pages/definitions.md#filtering)'s (`paper`) and none (`off`), scored against the truth
 * (error AND yield, evaluate.ts).
 *
 *   npx tsx bench/pseudo-scenes/run.ts [--seeds 1-8] [--work /tmp/stkit-pseudo-bench] [--modes default,paper,off]
 *     [--cast extended|classic] [--cap 50]
 *
 * `--cast classic` is the six-object scene of the first benchmark (`benchmarkScene`); `extended` (default) adds
 * nine objects (`extendedBenchmarkScene`: parked cars near, far and in the camera's lane, slow movers, turns).
 * `--cap` is kinematics' `maxFactsPerTask` (2 in `stkit pseudo`): raised so that every eligible question is
 * scored, not a random two per task — a parked object's distance question cannot hide behind the draw.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Sample } from '@stkit/core';
import { generatePseudo, gsam2MaskSource, type GeneratePseudoOptions } from '../../src/index';
import { scoreRun, type RunScore } from './evaluate';
import { benchmarkScene, extendedBenchmarkScene } from './scene-spec';
import { writeScene } from './write-scene';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-8' },
    work: { type: 'string', default: '/tmp/stkit-pseudo-bench' },
    modes: { type: 'string', default: 'default,paper,off' },
    cast: { type: 'string', default: 'extended' },
    cap: { type: 'string', default: '50' },
    verdicts: { type: 'boolean', default: false },
  },
});
const makeScene = values.cast === 'classic' ? benchmarkScene : extendedBenchmarkScene;
const cap = Number(values.cap);
const [first, last] = values.seeds!.split('-').map(Number) as [number, number | undefined];
const seeds = Array.from({ length: (last ?? first) - first + 1 }, (_, i) => first + i);
const modes = values.modes!.split(',');

/** Filter settings per benchmark mode. */
function modeOptions(mode: string): Pick<GeneratePseudoOptions, 'filters' | 'repair'> {
  if (mode === 'off') {
    return {
      filters: 'default',
      repair: {
        denoise: false,
        center: 'centroid',
        poseGlitches: false,
        frameOutliers: false,
        kalman: false,
        parked: false,
        minKeptFraction: 0,
        detection: { minBoxConfidence: 0, minTextConfidence: 0, minBoxArea: 0 },
        scene: { minPointsPerFrame: 0, minObjectExtent: 0 },
      },
    };
  }
  // Ablations of the default: `default-r10` (stiffer smoother, r = 10 m²), `default-centroid` (mean of the cluster),
  // `default-no-outliers` (no per-frame outlier test), `default-no-glitch` (no pose-glitch test), `default-eps0.1` (fixed radius).
  const ablations: Record<string, GeneratePseudoOptions['repair']> = {
    'default-r10': { kalman: { processVariance: 1, measurementVariance: 10 } },
    'default-centroid': { center: 'centroid' },
    'default-no-outliers': { frameOutliers: false },
    'default-no-glitch': { poseGlitches: false },
    'default-eps0.1': { epsPixels: 0 },
    'default-lenient': { minKeptFraction: 0.4, scene: { minPointsPerFrame: 5 } },
    'default-no-parked': { parked: false },
    'default-keep-occluded': { dropOccluded: false },
  };
  if (mode in ablations) return { filters: 'default', repair: ablations[mode]! };
  return { filters: mode as 'default' | 'paper' };
}

const totals = new Map<string, { scores: RunScore[]; seconds: number[] }>();
for (const seed of seeds) {
  const dir = join(values.work!, `drive-${seed}-${values.cast}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const scene = await writeScene(makeScene(seed), dir);
  for (const mode of modes) {
    const masks = await gsam2MaskSource(scene.gsam2Dir);
    const started = performance.now();
    const result = await generatePseudo({
      outDir: join(dir, `out-${mode}`),
      monst3rDir: scene.monst3rDir,
      metricDepthDir: scene.metricDepthDir,
      masks,
      source: { dataset: 'synthetic', log: `drive-${seed}`, domain: 'driving' },
      inspect: true,
      kinematics: { maxFactsPerTask: cap },
      ...modeOptions(mode),
    });
    const seconds = (performance.now() - started) / 1000;
    const score = scoreRun(result.sampleList as Sample[], scene.truth, new Map(), result.clipList, result.objects);
    if (values.verdicts) {
      // Per kept track: the parked test's statistic against the truth (the margin of the verdict).
      for (const object of result.objects) {
        const truth = scene.truth.find((candidate) => `gsam2-${candidate.instanceId}` === object.trackId);
        if (object.motion && truth)
          console.log(
            `  verdict seed ${seed} ${object.trackId} ${truth.className} truth ${truth.parked ? 'parked' : 'moving'} judged ${object.motion.parked ? 'parked' : 'moving'} statistic ${object.motion.statistic.toFixed(2)} frames ${object.framesKept}`,
          );
      }
    }
    const entry = totals.get(mode) ?? { scores: [], seconds: [] };
    entry.scores.push(score);
    entry.seconds.push(seconds);
    totals.set(mode, entry);
    console.log(
      `seed ${seed} ${mode.padEnd(7)} objects ${score.objectsWithSamples}/${score.objectsEligible}  distance/speed error ${(100 * score.meanDistanceError).toFixed(1)} % over ${score.distanceSamples}  direction ${(100 * score.directionAgreement).toFixed(0)} % of ${score.directionSamples}  parked asked ${score.parkedObjectsAsked} (d/s ${score.parkedDistanceSamples}, dir ${score.parkedDirectionSamples})  moving judged parked ${score.movingJudgedParked}/${score.movingKept}  parked judged parked ${score.parkedJudgedParked}/${score.parkedKept}  track path error ${((100 * score.trackErrors.reduce((a, b) => a + b, 0)) / Math.max(1, score.trackErrors.length)).toFixed(1)} % over ${score.trackErrors.length}  scale ${result.scale.toFixed(3)}  ${seconds.toFixed(1)} s`,
    );
  }
}
console.log(
  '\n| filters | objects ≥ 2 s with samples | distance/speed mean error (samples) | kept tracks: path-length error (tracks) | direction agreement (samples; within 1 h) | parked objects with a distance/speed question (of parked present ≥ 2 s) | parked-object distance/speed / direction samples | kept parked judged parked | kept moving judged parked | s per 40-frame scene |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [mode, { scores, seconds }] of totals) {
  const eligible = scores.reduce((sum, score) => sum + score.objectsEligible, 0);
  const withSamples = scores.reduce((sum, score) => sum + score.objectsWithSamples, 0);
  const distanceSamples = scores.reduce((sum, score) => sum + score.distanceSamples, 0);
  const error =
    scores.reduce(
      (sum, score) => sum + (score.distanceSamples > 0 ? score.meanDistanceError * score.distanceSamples : 0),
      0,
    ) / distanceSamples;
  const directionSamples = scores.reduce((sum, score) => sum + score.directionSamples, 0);
  const direction =
    scores.reduce(
      (sum, score) => sum + (score.directionSamples > 0 ? score.directionAgreement * score.directionSamples : 0),
      0,
    ) / directionSamples;
  const parked = scores.reduce((sum, score) => sum + score.parkedDistanceSamples, 0);
  const sum = (pick: (score: RunScore) => number): number => scores.reduce((total, score) => total + pick(score), 0);
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]!;
  const tracks = scores.flatMap((score) => score.trackErrors);
  const trackError = tracks.reduce((a, b) => a + b, 0) / Math.max(1, tracks.length);
  console.log(
    `| ${mode} | ${withSamples}/${eligible} (${((100 * withSamples) / eligible).toFixed(0)} %) | ${(100 * error).toFixed(1)} % (${distanceSamples}) | ${(100 * trackError).toFixed(1)} % (${tracks.length}) | ${(100 * direction).toFixed(0)} % (${directionSamples}; ${((100 * sum((score) => score.directionWithinOne)) / directionSamples).toFixed(0)} %) | ${sum((score) => score.parkedObjectsAsked)}/${sum((score) => score.parkedEligible)} | ${parked} / ${sum((score) => score.parkedDirectionSamples)} | ${sum((score) => score.parkedJudgedParked)}/${sum((score) => score.parkedKept)} | ${sum((score) => score.movingJudgedParked)}/${sum((score) => score.movingKept)} | ${median.toFixed(2)} |`,
  );
}
