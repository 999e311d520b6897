/**
 * @packageDocumentation
 * Vocabulary of STKit: zod schemas of Clip and Sample, the StkitError family, seeded RNG, units, the ONNX session factory.
 */
export {};
