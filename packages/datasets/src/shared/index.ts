/**
 * Helpers shared by the dataset readers: clip windows on the 0.5 s grid,
 * BigInt timestamp arithmetic, pose series lookup, clip assembly, box
 * projection and input validation. Internal to `@stkit/datasets` (not a
 * public sub-path); readers of other datasets in this package use them too.
 */
export * from './clip-windows';
export * from './timestamps';
export * from './pose-series';
export * from './assemble-clips';
export * from './project-box';
export * from './format-checks';
export * from './find-dirs';
export * from './geometry-adapter';
export * from './read-units';
