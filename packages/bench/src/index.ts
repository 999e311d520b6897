/**
 * @packageDocumentation
 * STKit-Bench: build the benchmark, run an OpenAI-compatible model, extract
 * answers, score and report. The `stkit-bench` binary wraps the same API.
 * The steps behind these functions are sub-paths: `@stkit/bench/extract`
 * (per-kind extractors, prompts), `@stkit/bench/metrics` (metric
 * primitives), `@stkit/bench/build` (bins, source mix, frame rebasing),
 * `@stkit/bench/run` (request plan, prompt messages, video frames, progress
 * bar) and `@stkit/bench/report` (Markdown/SVG renderers, harness formats).
 */
// Extraction
export type {
  Prediction,
  DistancePrediction,
  SpeedPrediction,
  ClockPrediction,
  IntervalPrediction,
  ObjectPrediction,
  SameDirectionPrediction,
  JudgedPrediction,
} from './extract/types';
export { extractAnswer, questionText, type ExtractAnswerOptions } from './extract/extract-answer';
export { createDeterministicExtractor, type Extractor, type ExtractOptions } from './extract/extractor';
export { createLlmExtractor, type LlmExtractorSettings } from './extract/llm-extractor';
// Metrics
export { scoreSample, type SampleScore } from './metrics/score-sample';
export { aggregateScores, type Metrics, type TaskMetrics } from './metrics/aggregate';
// Building
export { buildBench, type BuildBenchOptions, type BuildBenchResult, type MixOutcome } from './build/build-bench';
export { DEFAULT_DISTANCE_BINS, DEFAULT_SPEED_BINS, type BinEdges } from './build/label-bin';
export { PAPER_MIX } from './build/source-mix';
export { computeStats, type BenchStats, type TaskStats } from './build/bench-stats';
// Running a model
export {
  createChatClient,
  type ChatClient,
  type ChatClientSettings,
  type ChatRequest,
  type ChatResult,
  type ChatUsage,
} from './chat/chat-client';
export {
  runBench,
  type RunBenchOptions,
  type RunBenchResult,
  type RunFailure,
  type RunProgress,
} from './run/run-bench';
// Files
export {
  readSamples,
  readBench,
  type ReadSamplesOptions,
  type ReadSamplesResult,
  type InvalidLine,
} from './io/read-samples';
export {
  readPredictions,
  openPredictionWriter,
  type PredictionLine,
  type PredictionWriter,
  type ReadPredictionsResult,
} from './io/predictions-file';
// Evaluation and reports
export {
  evaluatePredictions,
  TASK_COLUMNS,
  type EvaluateOptions,
  type Evaluation,
  type SampleResult,
} from './evaluate/evaluate-predictions';
export { writeEvaluation, type WriteEvaluationOptions, type WrittenEvaluation } from './evaluate/write-evaluation';
export {
  compareRuns,
  writeComparison,
  type CompareRunsOptions,
  type ComparedRun,
  type RunInput,
} from './report/compare-runs';
// Other harnesses
export {
  exportLmmsEval,
  exportVlmEvalKit,
  type HarnessExportOptions,
  type HarnessExportResult,
} from './export/harness-export';
