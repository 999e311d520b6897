/**
 * `@stkit/bench/run`: the steps of `runBench` on their own — the request
 * plan, the prompt messages of one sample, video frame decoding (ffmpeg) and
 * the terminal progress bar of `stkit-bench run`. `runBench` is on the main
 * entry.
 */
export { planRun, type PlannedRequest } from './run-bench';
export { buildPromptMessages, type BuildPromptOptions, type PromptMessages } from './prompt-messages';
export { decodeVideoFrames, type DecodeVideoOptions, type VideoFrames } from './video-frames';
export { createProgressBar, renderProgress, type ProgressBarOptions } from './progress-bar';
