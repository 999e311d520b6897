/**
 * Grounding DINO's text side: the prompt ("car. person.") tokenised with the
 * model's BERT tokenizer (`tokenizer.json`, loaded with `@huggingface/tokenizers`),
 * and the inputs the exported graph takes, built as GroundingDINO's
 * `generate_masks_with_special_tokens_and_transfer_map` builds them: each
 * phrase (the tokens between two special tokens `[CLS]`, `[SEP]`, `.`, `?`)
 * attends only to itself (`text_token_mask`), and `position_ids` restart at
 * 0 in each phrase.
 */
import { readFile } from 'node:fs/promises';
import { BackendLoadError, InvalidArgumentError } from '@stkit/core';
import { Tokenizer } from '@huggingface/tokenizers';

/** Grounding DINO's maximum text length (token slots of `logits`). */
export const MAX_TEXT_LENGTH = 256;

/** A tokenised prompt and the graph inputs derived from it. */
export interface GroundingPrompt {
  /** The caption as fed to the tokenizer (lower-case, ending with '.'). */
  readonly caption: string;
  /** Token ids, `[CLS] … [SEP]`, at most {@link MAX_TEXT_LENGTH}. */
  readonly inputIds: BigInt64Array;
  /** `[length]` position ids, restarting at 0 in each phrase. */
  readonly positionIds: BigInt64Array;
  /** Row-major `[length, length]` 0/1 block-diagonal self-attention mask. */
  readonly textTokenMask: Uint8Array;
  /** One span per phrase: its token positions `[start, end)` and its text (the class name). */
  readonly phrases: readonly { readonly start: number; readonly end: number; readonly name: string }[];
}

/**
 * Loads a tokenizer from a `tokenizer.json` path or its parsed content.
 * @throws {@link BackendLoadError} when: cannot read the tokenizer (…)
 * @throws {@link BackendLoadError} when: not a tokenizer.json (…)
 */
export async function loadTokenizer(source: string | object, config: object = {}): Promise<Tokenizer> {
  let json: object;
  if (typeof source === 'string') {
    try {
      json = JSON.parse(await readFile(source, 'utf8')) as object;
    } catch (error) {
      throw new BackendLoadError({
        backend: source,
        message: `cannot read the tokenizer (${(error as Error).message})`,
        hint: 'Pass the tokenizer.json of the Grounding DINO text encoder (bert-base-uncased).',
        cause: error,
      });
    }
  } else json = source;
  try {
    return new Tokenizer(json, config);
  } catch (error) {
    throw new BackendLoadError({
      backend: typeof source === 'string' ? source : 'tokenizer',
      message: `not a tokenizer.json (${(error as Error).message})`,
      cause: error,
    });
  }
}

/**
 * Normalises a prompt as Grounding DINO does: lower case, trimmed, ending with '.'.
 * @returns the caption, e.g. `car. person.`
 * @throws {@link InvalidArgumentError} for `prompt`: needs at least one phrase, e.g. "car. person."
 */
export function groundingCaption(prompt: string): string {
  const caption = prompt.toLowerCase().trim();
  if (caption.replace(/[.\s]/g, '') === '')
    throw new InvalidArgumentError({
      argument: 'prompt',
      value: prompt,
      message: 'needs at least one phrase, e.g. "car. person."',
    });
  return caption.endsWith('.') ? caption : `${caption}.`;
}

/**
 * Tokenises `prompt` and builds the phrase spans and masks.
 * @throws {@link BackendLoadError} when: has no [CLS]/[SEP] tokens: not a BERT tokenizer as Grounding DINO uses
 */
export function encodeGroundingPrompt(tokenizer: Tokenizer, prompt: string): GroundingPrompt {
  const caption = groundingCaption(prompt);
  let ids = tokenizer.encode(caption, { add_special_tokens: true }).ids.map(Number);
  const cls = tokenizer.token_to_id('[CLS]'),
    sep = tokenizer.token_to_id('[SEP]');
  if (cls === undefined || sep === undefined)
    throw new BackendLoadError({
      backend: 'tokenizer',
      message: 'has no [CLS]/[SEP] tokens: not a BERT tokenizer as Grounding DINO uses',
    });
  if (ids[0] !== cls) ids = [cls, ...ids];
  if (ids[ids.length - 1] !== sep) ids.push(sep);
  if (ids.length > MAX_TEXT_LENGTH) ids = [...ids.slice(0, MAX_TEXT_LENGTH - 1), sep];
  const special = new Set(
    [cls, sep, tokenizer.token_to_id('.'), tokenizer.token_to_id('?')].filter((id): id is number => id !== undefined),
  );
  const length = ids.length;
  const positionIds = new BigInt64Array(length);
  const textTokenMask = new Uint8Array(length * length);
  const names = caption
    .split('.')
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0);
  const phrases: { start: number; end: number; name: string }[] = [];
  let previous = 0;
  for (let column = 0; column < length; column++) {
    if (!special.has(ids[column]!)) continue;
    if (column === 0 || column === length - 1) {
      textTokenMask[column * length + column] = 1;
      positionIds[column] = 0n;
    } else {
      for (let r = previous + 1; r <= column; r++) {
        for (let c = previous + 1; c <= column; c++) textTokenMask[r * length + c] = 1;
        positionIds[r] = BigInt(r - previous - 1);
      }
      if (column > previous + 1) {
        const name =
          names[phrases.length] ??
          tokenizer.decode(ids.slice(previous + 1, column), { skip_special_tokens: true }).trim();
        phrases.push({ start: previous + 1, end: column, name });
      }
    }
    previous = column;
  }
  return { caption, inputIds: BigInt64Array.from(ids, BigInt), positionIds, textTokenMask, phrases };
}
