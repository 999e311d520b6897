/**
 * @packageDocumentation
 * STKit-Bench: build the benchmark, run an OpenAI-compatible model, extract
 * answers, score and report. The `stkit-bench` binary wraps the same API.
 */
// Extraction
export type { Prediction, DistancePrediction, SpeedPrediction, ClockPrediction, IntervalPrediction, ObjectPrediction, SameDirectionPrediction, JudgedPrediction } from './extract/types';
export { extractAnswer, questionText, type ExtractAnswerOptions } from './extract/extract-answer';
export { extractMagnitude, type ExtractMagnitudeOptions } from './extract/extract-magnitude';
export { extractClock } from './extract/extract-clock';
export { extractInterval, type ExtractIntervalOptions } from './extract/extract-interval';
export { extractComparedObjectIndex, type ExtractComparedObjectOptions } from './extract/extract-comparison';
export { extractSameDirection, type ExtractSameDirectionOptions } from './extract/extract-same-direction';
export { normalizeResponse } from './extract/normalize';
export { createDeterministicExtractor, type Extractor, type ExtractOptions } from './extract/extractor';
export { createLlmExtractor, extractionMessages, parseExtractionReply, type LlmExtractorSettings } from './extract/llm-extractor';
export { EXTRACTION_PROMPTS } from './extract/extraction-prompts';
export { EXTRACTION_FEW_SHOT, type FewShotExample } from './extract/llm-few-shot';
// Metrics
export { isWithinBand, clockError, temporalIou, meanRelativeAccuracy, MRA_THRESHOLDS, BAND_EPSILON } from './metrics/primitives';
export { scoreSample, IOU_THRESHOLD, type SampleScore } from './metrics/score-sample';
export { aggregateScores, type Metrics, type TaskMetrics } from './metrics/aggregate';
// Building
export { buildBench, type BuildBenchOptions, type BuildBenchResult, type MixOutcome } from './build/build-bench';
export { labelBin, DEFAULT_DISTANCE_BINS, DEFAULT_SPEED_BINS, type BinEdges } from './build/label-bin';
export { PAPER_MIX, parseMix, normalizeMix, apportion, mixQuotas } from './build/source-mix';
export { rebaseFrames, defaultFramesRoot } from './build/rebase-frames';
export { computeStats, statsMarkdown, statsSvg, type BenchStats, type TaskStats } from './build/bench-stats';
// Running a model
export { createChatClient, type ChatClient, type ChatClientSettings, type ChatRequest, type ChatResult, type ChatUsage } from './chat/chat-client';
export { runBench, planRun, type RunBenchOptions, type RunBenchResult, type RunFailure, type RunProgress, type PlannedRequest } from './run/run-bench';
export { decodeVideoFrames, type DecodeVideoOptions, type VideoFrames } from './run/video-frames';
export { buildPromptMessages, type BuildPromptOptions, type PromptMessages } from './run/prompt-messages';
export { createProgressBar, renderProgress, type ProgressBarOptions } from './run/progress-bar';
// Files
export { readSamples, readBench, type ReadSamplesOptions, type ReadSamplesResult, type InvalidLine } from './io/read-samples';
export { readPredictions, openPredictionWriter, type PredictionLine, type PredictionWriter, type ReadPredictionsResult } from './io/predictions-file';
export { writeFileAtomic } from './io/atomic-write';
// Evaluation and reports
export { evaluatePredictions, TASK_COLUMNS, type EvaluateOptions, type Evaluation, type SampleResult } from './evaluate/evaluate-predictions';
export { writeEvaluation, evaluationMarkdown, evaluationReport, type WriteEvaluationOptions, type WrittenEvaluation } from './evaluate/write-evaluation';
export { table3, mraTable } from './evaluate/table3';
export { compareRuns, writeComparison, comparisonMarkdown, comparisonSvg, type CompareRunsOptions, type ComparedRun, type RunInput } from './report/compare-runs';
export { renderBarChartSvg, type ChartPanel, type ChartSeries } from './report/svg-chart';
// Other harnesses
export {
  exportLmmsEval,
  exportVlmEvalKit,
  lmmsEvalYaml,
  lmmsEvalDocument,
  readPythonScorer,
  VLMEVALKIT_COLUMNS,
  type HarnessExportOptions,
  type HarnessExportResult,
} from './export/harness-export';
