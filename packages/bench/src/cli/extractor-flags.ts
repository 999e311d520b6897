/** The extractor options shared by `evaluate` and `report`. */
import { InvalidArgumentError } from '@stkit/core';
import { createDeterministicExtractor, type Extractor } from '../extract/extractor';
import { createLlmExtractor } from '../extract/llm-extractor';
import { intFlag, required, type CliIo } from './cli-io';

export const extractorOptions = {
  extractor: { type: 'string' },
  'extractor-model': { type: 'string' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  concurrency: { type: 'string' },
} as const;

export const extractorUsage = `  --extractor KIND      deterministic (default) or llm (the paper's extraction prompts)
  --extractor-model M   Model of the LLM extractor (with --extractor llm)
  --base-url URL        Server of the LLM extractor
  --api-key KEY         Its API key (default: $OPENAI_API_KEY, else "EMPTY")
  --concurrency K       Extractions in flight (LLM extractor; default 8)
`;

/** Builds the extractor the flags ask for. */
export function extractorFromFlags(
  values: { extractor?: string; 'extractor-model'?: string; 'base-url'?: string; 'api-key'?: string },
  io: CliIo,
): Extractor {
  const kind = values.extractor ?? 'deterministic';
  if (kind === 'deterministic') return createDeterministicExtractor();
  if (kind !== 'llm')
    throw new InvalidArgumentError({
      argument: '--extractor',
      value: kind,
      message: "must be 'deterministic' or 'llm'",
    });
  return createLlmExtractor({
    model: required(values['extractor-model'], 'extractor-model'),
    baseURL: required(values['base-url'], 'base-url'),
    apiKey: values['api-key'] ?? (io.env ?? process.env).OPENAI_API_KEY,
  });
}

/** The `--concurrency` flag. */
export function concurrencyFlag(value: string | undefined): number | undefined {
  return intFlag(value, 'concurrency', 1);
}
