/**
 * Robust yes/no reading of a VLM answer. Markdown emphasis, quotes and
 * leading labels are ignored; the verdict is taken from the first sentence:
 * its leading "yes" or "no" (after an optional "Answer:"), else `yes` when it
 * contains the word "yes" and not the word "no", `no` conversely, otherwise
 * `unclear` (refusals, "yes and no", empty or missing content). `unclear`
 * counts as not-yes. The prompts ask "…without significant occlusion?", so a
 * natural yes reads "Yes, there is no significant occlusion": the leading word
 * decides.
 *
 * "**Yes.**" → yes · "yes, the object is fully visible" → yes ·
 * "Answer: No" → no · "I'm sorry, I can't help with that." → unclear.
 */

/** A parsed answer. */
export type YesNo = 'yes' | 'no' | 'unclear';

/** Parses one answer text (`null`/`undefined` → `unclear`). */
export function parseYesNo(text: string | null | undefined): YesNo {
  if (typeof text !== 'string') return 'unclear';
  const cleaned = text
    .replace(/[*_`#>"“”'‘’]/g, ' ')
    .trim()
    .toLowerCase();
  const firstSentence = cleaned.split(/[.!?\n;]/, 1)[0] ?? '';
  const words: string[] = firstSentence.match(/[a-z]+/g) ?? [];
  // A leading verdict decides ("Yes, there is no significant occlusion" is a yes), unless it opens "yes and no".
  const lead = words[0] === 'answer' ? words[1] : words[0];
  if ((lead === 'yes' || lead === 'no') && !/\b(?:yes (?:and|or) no|no (?:and|or) yes)\b/.test(words.join(' ')))
    return lead;
  const yes = words.includes('yes');
  const no = words.includes('no');
  if (yes && !no) return 'yes';
  if (no && !yes) return 'no';
  return 'unclear';
}
