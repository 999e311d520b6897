/**
 * Reads every clip of the nuPlan logs under ROOT and prints one JSON line:
 * wall seconds, peak RSS (MiB) and counts.
 *
 *   npx tsx --conditions @stkit/source bench/read-nuplan.ts /tmp/nuplan-bench
 */
import { createNuPlanReader } from '../src/nuplan/index';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: read-nuplan.ts ROOT');
const started = performance.now();
let clips = 0,
  tracks = 0,
  samples = 0,
  boxes2d = 0,
  errors = 0;
for await (const event of createNuPlanReader().readClips({ root })) {
  if (event.kind === 'error') {
    if (errors++ < 3) console.error(event.error.message);
    continue;
  }
  clips++;
  tracks += event.clip.tracks.length;
  for (const track of event.clip.tracks)
    for (const sample of track.samples) {
      samples++;
      if (sample.box2d !== undefined) boxes2d++;
    }
}
console.log(
  JSON.stringify({
    wallSeconds: Number(((performance.now() - started) / 1000).toFixed(2)),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    clips,
    tracks,
    trackSamples: samples,
    boxes2d,
    errors,
  }),
);
