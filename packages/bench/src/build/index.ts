/**
 * `@stkit/bench/build`: the steps of `buildBench` on their own — label bins,
 * the source mix (parse, normalise, apportion, quotas) and frame-path
 * rebasing. `buildBench`, `PAPER_MIX` and the default bins are on the main
 * entry.
 */
export { labelBin } from './label-bin';
export { parseMix, normalizeMix, apportion, mixQuotas } from './source-mix';
export { rebaseFrames, defaultFramesRoot } from './rebase-frames';
