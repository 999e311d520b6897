/**
 * The SA-V conversion timed end to end as a user runs it: read the annotation,
 * decode 605 COCO RLE masks, paint 121 uint16 id maps, write the Grounded-SAM-2
 * tracking folder (121 .npy + 121 .json), rename it into place.
 *   node bench/.build/sav-convert.mjs SAV_JSON OUT_DIR   (OUT_DIR must not exist or be empty)
 * (bundled by bench/run.sh; the NumPy peer is bench/sav_peer.py.)
 */
import { convertMasks } from '../src/convert';

const [input, out] = process.argv.slice(2);
if (!input || !out) throw new Error('usage: sav-convert SAV_JSON OUT_DIR');
const result = await convertMasks({ from: 'sa-v', input, out });
process.stdout.write(`${result.videos[0]!.frames} frames, ${result.videos[0]!.instances} instances\n`);
