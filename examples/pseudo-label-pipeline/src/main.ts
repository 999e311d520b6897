/**
 * The pseudo-label pipeline of [definitions §3–4](docs/pages/definitions.md#pseudo-labels) as a script (see run-pipeline.ts):
 *
 *   node --conditions=@stkit/source --import tsx src/main.ts \
 *     --monst3r DIR --masks FILE --metric-depth DIR --out DIR \
 *     [--fps 2] [--dataset NAME] [--log NAME] [--domain driving|sports|general] [--seed N] [--dbscan-eps 0.1] \
 *     [--vlm-base-url URL --vlm-model NAME --judge-frames 8] [--scorer-base-url URL --scorer-model NAME] [--cache-dir DIR]
 *
 *   … src/main.ts --smoke [--scene-seed 1] [--no-model-servers] [--out DIR]
 *     # generates a synthetic scene, runs the pipeline (stages 2–3 against a loopback model server
 *     # unless --no-model-servers or real URLs are given) and checks the output against the scene's truth
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { StkitError, type Clip } from '@stkit/core';
import { createCompletionsLikelihoodScorer, createVlmJudge, formatFilterReport } from '@stkit/filters';
import { createJudgeFrames } from './judge-frames';
import { runPseudoLabelPipeline, type PseudoLabelPipelineOptions } from './run-pipeline';
import { checkAgainstTruth } from './smoke/check-against-truth';
import { startLoopbackModelServer } from './smoke/loopback-model-server';
import { FPS, VIDEO_SIZE, writeSyntheticScene } from './smoke/synthetic-scene';
import { writePipelineOutputs } from './write-outputs';

const { values: args } = parseArgs({
  options: {
    monst3r: { type: 'string' },
    masks: { type: 'string' },
    'metric-depth': { type: 'string' },
    out: { type: 'string' },
    fps: { type: 'string', default: '2' },
    dataset: { type: 'string', default: 'video' },
    log: { type: 'string' },
    domain: { type: 'string', default: 'general' },
    seed: { type: 'string', default: '0' },
    'dbscan-eps': { type: 'string' },
    'vlm-base-url': { type: 'string' },
    'vlm-model': { type: 'string' },
    'scorer-base-url': { type: 'string' },
    'scorer-model': { type: 'string' },
    'judge-frames': { type: 'string' },
    'cache-dir': { type: 'string' },
    smoke: { type: 'boolean', default: false },
    'scene-seed': { type: 'string', default: '1' },
    'no-model-servers': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

const DOMAINS = ['driving', 'sports', 'general'] as const;
const domain = args.smoke ? 'driving' : args.domain;
if (!DOMAINS.includes(domain as (typeof DOMAINS)[number]))
  fail(`--domain must be one of ${DOMAINS.join(', ')}, got '${domain}'`);
const fps = args.smoke ? FPS : Number(args.fps);
if (!(fps > 0)) fail(`--fps must be a positive number, got '${args.fps}'`);
const seed = Number(args.seed);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got '${args.seed}'`);
const eps = args['dbscan-eps'] === undefined ? undefined : Number(args['dbscan-eps']);
if (eps !== undefined && !(eps > 0))
  fail(`--dbscan-eps must be a positive number of metres, got '${args['dbscan-eps']}'`);

let inputs: { monst3rDir: string; masksFile: string; metricDepthDir: string };
let scratch: string | undefined;
const started = performance.now();
if (args.smoke) {
  scratch = await mkdtemp(join(tmpdir(), 'stkit-pseudo-smoke-'));
  inputs = await writeSyntheticScene(scratch, Number(args['scene-seed']));
  console.log(`synthetic scene written to ${scratch} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} else {
  const missing = (['monst3r', 'masks', 'metric-depth', 'out'] as const).filter((name) => args[name] === undefined);
  if (missing.length > 0) fail(`missing ${missing.map((name) => `--${name}`).join(', ')} (or pass --smoke)`);
  inputs = { monst3rDir: args.monst3r!, masksFile: args.masks!, metricDepthDir: args['metric-depth']! };
}
const outDir = args.out ?? join(scratch ?? tmpdir(), 'out');

// Stages 2 and 3 of [definitions §4](docs/pages/definitions.md#filtering) need model servers (any OpenAI-compatible one, e.g. vLLM). The smoke test
// runs them against a loopback stand-in, through the same clients, unless real URLs are given.
const judgeFrameCount = args['judge-frames'] ? Number(args['judge-frames']) : 8;
if (!(Number.isInteger(judgeFrameCount) && judgeFrameCount >= 1))
  fail(`--judge-frames must be a positive integer, got '${args['judge-frames']}'`);
const loopback =
  args.smoke && !args['no-model-servers'] && !args['vlm-base-url'] && !args['scorer-base-url']
    ? await startLoopbackModelServer({ expectedImages: judgeFrameCount, expectedSize: VIDEO_SIZE })
    : undefined;
if (loopback) console.log(`smoke: stages 2–3 against a loopback model server at ${loopback.baseURL}`);
const vlmBaseUrl = args['vlm-base-url'] ?? loopback?.baseURL;
const scorerBaseUrl = args['scorer-base-url'] ?? loopback?.baseURL;
const judge = vlmBaseUrl
  ? createVlmJudge({
      baseURL: vlmBaseUrl,
      model: args['vlm-model'] ?? (loopback ? 'loopback' : undefined),
      ...(args['cache-dir'] ? { cacheDir: join(args['cache-dir'], 'vlm') } : {}),
    })
  : undefined;
const scorer = scorerBaseUrl
  ? createCompletionsLikelihoodScorer({
      baseURL: scorerBaseUrl,
      model: args['scorer-model'] ?? (loopback ? 'loopback' : undefined),
      ...(args['cache-dir'] ? { cacheDir: join(args['cache-dir'], 'scorer') } : {}),
    })
  : undefined;
if (!judge)
  console.log('note: no --vlm-base-url, the general model-based filter (VLM judge, SPEC §4 stage 2) is skipped');
if (!scorer)
  console.log('note: no --scorer-base-url, the task-specific likelihood filter (SPEC §4 stage 3) is skipped');

const source: Clip['source'] = {
  dataset: args.smoke ? 'synthetic' : args.dataset!,
  log: args.log ?? (args.smoke ? 'smoke-drive' : basename(inputs.monst3rDir.replace(/[\\/]+$/, ''))),
  domain: domain as Clip['source']['domain'] & string,
};
const options: PseudoLabelPipelineOptions = {
  ...inputs,
  fps,
  source,
  seed,
  ...(eps !== undefined ? { rules: { denoise: { eps } } } : {}),
  ...(judge ? { judge, judgeFrames: createJudgeFrames({ outDir, maxFrames: judgeFrameCount }) } : {}),
  ...(scorer ? { scorer } : {}),
};

let exitCode = 0;
try {
  const result = await runPseudoLabelPipeline(options);
  const files = await writePipelineOutputs(outDir, result);
  const { scale, spread, pixelCount } = result.canonicalScale;
  console.log(
    `canonical scale: ${scale.toFixed(4)} m per MonST3R unit from ${pixelCount} pixels (relative MAD ${(100 * spread.relativeMad).toFixed(2)} %)`,
  );
  console.log(
    `${result.clips.length} clips, ${result.samples.length} samples in ${((performance.now() - started) / 1000).toFixed(1)} s →`,
  );
  for (const file of files) console.log(`  ${file}`);
  console.log(formatFilterReport(result.report));
  if (args.smoke) {
    const verdict = checkAgainstTruth(result, loopback?.stats);
    for (const line of verdict.lines) console.log(line);
    if (verdict.failures.length > 0) {
      console.error(`smoke test failed: ${verdict.failures.length} check(s)`);
      exitCode = 1;
    } else console.log('smoke test passed');
  }
} catch (error) {
  if (!StkitError.isInstance(error)) throw error;
  console.error(`error: ${(error as Error).message}`);
  exitCode = 2;
} finally {
  await loopback?.close();
  if (scratch && args.out === undefined && exitCode === 0) await rm(scratch, { recursive: true, force: true });
  else if (scratch) console.log(`inputs kept in ${scratch}`);
}
process.exit(exitCode);
