/**
 * @packageDocumentation
 * Kinematic grounding of STKit (SPEC §2): frame grid, interpolation, traveled distance, speed, clock directions, comparisons, fact selection.
 */
export {};
