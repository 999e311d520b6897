/**
 * `@stkit/bench/extract`: the pieces of answer extraction, for building an
 * extractor of your own or checking one rule: one extractor per answer kind
 * (magnitude, clock, interval, compared object, same direction), response
 * normalisation, and the prompts and few-shot examples of the LLM extractor.
 * The extractors a run uses (`extractAnswer`, `createDeterministicExtractor`,
 * `createLlmExtractor`) are on the main entry.
 */
export { extractMagnitude, type ExtractMagnitudeOptions } from './extract-magnitude';
export { extractClock } from './extract-clock';
export { extractInterval, type ExtractIntervalOptions } from './extract-interval';
export { extractComparedObjectIndex, type ExtractComparedObjectOptions } from './extract-comparison';
export { extractSameDirection, type ExtractSameDirectionOptions } from './extract-same-direction';
export { normalizeResponse } from './normalize';
export { extractionMessages, parseExtractionReply } from './llm-extractor';
export { EXTRACTION_PROMPTS } from './extraction-prompts';
export { EXTRACTION_FEW_SHOT, type FewShotExample } from './llm-few-shot';
