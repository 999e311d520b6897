/**
 * Reads every clip of a nuScenes root with the STKit reader and prints one
 * JSON line: wall seconds, peak RSS (MiB, from process.resourceUsage), and
 * counts. Pass the reader module path to measure another build of it.
 *
 *   npx tsx --conditions @stkit/source bench/read-nuscenes.ts /tmp/nuscenes-bench [--version v1.0-trainval] [--reader ./src/nuscenes/index.ts] [--no-camera]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const root = args[0];
if (root === undefined) throw new Error('usage: read-nuscenes.ts ROOT [--version V] [--reader PATH] [--no-camera]');
const option = (name: string): string | undefined => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const readerPath = option('reader') ?? new URL('../src/nuscenes/index.ts', import.meta.url).pathname;
const { createNuScenesReader } = (await import(
  pathToFileURL(resolve(readerPath)).href
)) as typeof import('../src/nuscenes/index');

const started = performance.now();
let clips = 0;
let tracks = 0;
let trackSamples = 0;
let boxes2d = 0;
let errors = 0;
const warnings: string[] = [];
for await (const event of createNuScenesReader().readClips({
  root,
  version: option('version'),
  noCamera: args.includes('--no-camera'),
  onWarning: (w) => warnings.push(w),
})) {
  if (event.kind === 'error') {
    errors++;
    if (errors <= 3) console.error(event.error.message);
    continue;
  }
  clips++;
  tracks += event.clip.tracks.length;
  for (const track of event.clip.tracks) {
    trackSamples += track.samples.length;
    for (const sample of track.samples) if (sample.box2d !== undefined) boxes2d++;
  }
}
const wallSeconds = (performance.now() - started) / 1000;
const maxRssMiB = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    wallSeconds: Number(wallSeconds.toFixed(2)),
    maxRssMiB: Math.round(maxRssMiB),
    clips,
    tracks,
    trackSamples,
    boxes2d,
    errors,
    warnings: warnings.length,
  }),
);
