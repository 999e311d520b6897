/**
 * @packageDocumentation
 * STKit-Bench: build the benchmark, run an OpenAI-compatible model, extract answers, score and report.
 */
export {};
