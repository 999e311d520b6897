/**
 * Pseudo-labels for one video from the three tools' output folders, as a
 * script: `generatePseudo` is `stkit pseudo` as a function.
 *
 *   node --conditions=@stkit/source --import tsx snippets/pseudo-generate.ts MONST3R_DIR METRIC_DEPTH_DIR GSAM2_DIR OUT_DIR
 */
import { generatePseudo, gsam2MaskSource } from '@stkit/pipeline';

export async function labelVideo(
  monst3rDir: string,
  metricDepthDir: string,
  gsam2Dir: string,
  outDir: string,
): Promise<void> {
  const result = await generatePseudo({
    monst3rDir,
    metricDepthDir,
    masks: await gsam2MaskSource(gsam2Dir),
    outDir,
    fps: 2,
    source: { dataset: 'bdd100k', log: 'drive-0001', domain: 'driving' },
    filters: 'default', // or 'paper': [definitions §4](docs/pages/definitions.md#filtering) exactly
    onProgress: ({ stage, done, total }) => console.error(`${stage} ${done}/${total}`),
  });
  console.log(`${result.samples} samples; canonical scale ${result.scale.toFixed(3)} m per MonST3R unit`);
  for (const object of result.objects) {
    console.log(
      `${object.trackId} (${object.category}): ${object.framesKept}/${object.framesIn} frames kept, ${object.samples} samples, ${object.verdict}`,
    );
  }
}

const [monst3r, metric, gsam2, out] = process.argv.slice(2);
if (monst3r && metric && gsam2 && out) await labelVideo(monst3r, metric, gsam2, out);
