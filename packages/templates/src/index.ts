/**
 * @packageDocumentation
 * The STKit paper's QA templates, units and number formatting, colour palette, Sample assembly in the LLaVA conversation format.
 */
export {};
