/**
 * The pseudo-label yardstick: generated scenes with the defects of the real
 * tools (see render.ts), run through `generatePseudo` with the default
 * filters, [definitions §4](docs/pages/definitions.md#filtering)'s (`paper`) and none (`off`), scored against the truth
 * (error AND yield, evaluate.ts).
 *
 *   npx tsx bench/pseudo-scenes/run.ts [--seeds 1-8] [--work /tmp/stkit-pseudo-bench] [--modes default,paper,off]
 *     [--cast extended|classic] [--cap 50] [--verdicts] [--details] [--reuse] [--repair JSON]
 *
 * `--reuse` keeps a scene already written under `--work` when its truth.json holds the same spec; `--details` prints,
 * per object, its frames kept and why the others went, the parked and direction verdicts, and each direction sample
 * against the truth (label/truth); `--repair JSON` adds repair options to every default-based mode (tuning).
 *
 * `--cast classic` is the six-object scene of the first benchmark (`benchmarkScene`); `extended` (default) adds
 * nine objects (`extendedBenchmarkScene`: parked cars near, far and in the camera's lane, slow movers, turns).
 * `--cap` is kinematics' `maxFactsPerTask` (2 in `stkit pseudo`): raised so that every eligible question is
 * scored, not a random two per task — a parked object's distance question cannot hide behind the draw.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Sample } from '@stkit/core';
import { generatePseudo, gsam2MaskSource, type GeneratePseudoOptions } from '../../src/index';
import { scoreRun, truthDirection, type RunScore } from './evaluate';
import type { ObjectTruth } from './render';
import { benchmarkScene, extendedBenchmarkScene, type SceneSpec } from './scene-spec';
import { writeScene } from './write-scene';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1-8' },
    work: { type: 'string', default: '/tmp/stkit-pseudo-bench' },
    modes: { type: 'string', default: 'default,paper,off' },
    cast: { type: 'string', default: 'extended' },
    cap: { type: 'string', default: '50' },
    verdicts: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    details: { type: 'boolean', default: false },
    repair: { type: 'string' },
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
        direction: false,
        // As before the selective occlusion test (comparable with the earlier tables).
        dropOccluded: true,
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
    'default-drop-occluded': { dropOccluded: true },
    'default-hidden-absent': { hiddenFrames: 'absent' },
    'default-no-direction': { direction: false },
    'default-r1': { kalman: { processVariance: 1, measurementVariance: 1 } },
    'default-hidden-unweighted': { hiddenVarianceFactor: 1 },
    // The default before the selective occlusion test, the direction test and r = 10 m² (the earlier tables).
    'default-before': { dropOccluded: true, direction: false, kalman: { processVariance: 1, measurementVariance: 1 } },
  };
  // `--repair JSON`: extra repair options for every default-based mode (tuning).
  const extra = values.repair ? (JSON.parse(values.repair) as GeneratePseudoOptions['repair']) : undefined;
  if (mode in ablations) return { filters: 'default', repair: { ...ablations[mode]!, ...extra } };
  if (mode === 'default' && extra) return { filters: 'default', repair: extra };
  return { filters: mode as 'default' | 'paper' };
}

type WrittenScene = Pick<
  Awaited<ReturnType<typeof writeScene>>,
  'gsam2Dir' | 'monst3rDir' | 'metricDepthDir' | 'truth'
>;

async function freshScene(spec: SceneSpec, dir: string): Promise<WrittenScene> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return writeScene(spec, dir);
}

/** `--reuse`: the scene an earlier run wrote into `dir`, when its truth.json holds the same spec (else a fresh one). */
async function reusableScene(spec: SceneSpec, dir: string): Promise<WrittenScene | undefined> {
  const written = await readFile(join(dir, 'truth.json'), 'utf8').catch(() => undefined);
  if (written === undefined) return undefined;
  const { spec: writtenSpec, objects } = JSON.parse(written) as { spec: unknown; objects: ObjectTruth[] };
  if (JSON.stringify(writtenSpec) !== JSON.stringify(spec)) return undefined;
  return {
    gsam2Dir: join(dir, 'gsam2'),
    monst3rDir: join(dir, 'monst3r'),
    metricDepthDir: join(dir, 'metric3d'),
    truth: objects,
  };
}

/** `--details`: per object, what the filters kept and why, and each direction sample against the truth. */
function printDetails(
  seed: number,
  mode: string,
  result: Awaited<ReturnType<typeof generatePseudo>>,
  truth: readonly ObjectTruth[],
): void {
  for (const object of truth) {
    const trackId = `gsam2-${object.instanceId}`;
    const yields = result.objects.filter((entry) => entry.trackId === trackId);
    const visible = object.frames.filter((frame) => frame.visible).length;
    const track = result.clipList.flatMap((clip) => clip.tracks).find((candidate) => candidate.id === trackId);
    const directions = (result.sampleList as Sample[])
      .filter((sample) => sample.task === 'movement_direction' && sample.objects[0]!.trackId === trackId)
      .map((sample) => {
        const expected = track
          ? truthDirection(
              object,
              track.samples.map((entry) => entry.t),
            )
          : undefined;
        return `${(sample.label as { clock: number }).clock}/${expected ?? '-'}`;
      });
    const samples = (result.sampleList as Sample[]).filter((sample) =>
      sample.objects.some((entry) => entry.trackId === trackId),
    ).length;
    for (const entry of yields.length > 0 ? yields : [undefined])
      console.log(
        `  seed ${seed} ${mode} ${trackId} ${object.className}${object.parked ? ' parked' : ''} visible ${visible} ${entry ? `${entry.verdict} ${entry.framesKept}/${entry.framesIn} ${JSON.stringify(entry.dropped)}${entry.motion ? ` parked-stat ${entry.motion.statistic.toFixed(2)}${entry.motion.parked ? ' P' : ''}` : ''}${entry.direction ? ` direction-test ${entry.direction.reliable ? 'yes' : 'no'} (${entry.direction.reason})` : ''}` : 'not seen'} samples ${samples} direction ${directions.join(' ') || '-'}`,
      );
  }
}

const totals = new Map<string, { scores: RunScore[]; seconds: number[] }>();
for (const seed of seeds) {
  const dir = join(values.work!, `drive-${seed}-${values.cast}`);
  const spec = makeScene(seed);
  const scene = (values.reuse && (await reusableScene(spec, dir))) || (await freshScene(spec, dir));
  for (const mode of modes) {
    await rm(join(dir, `out-${mode}`), { recursive: true, force: true });
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
    if (values.details) printDetails(seed, mode, result, scene.truth);
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
