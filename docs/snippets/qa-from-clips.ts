// Clips (JSONL) → QA samples, the programmatic equivalent of `stkit qa`.
import { generateQa, readClipsJsonl } from '@stkit/pipeline';

const result = await generateQa({
  clips: readClipsJsonl('clips.jsonl'),
  outDir: 'out/qa',
  seed: 0,
  onInvalid: (error) => console.warn(error.message),
});
console.log(`${result.samples} samples from ${result.clips} clips`);
