/**
 * `@stkit/bench/report`: the renderers behind the files that
 * `writeEvaluation`, `writeComparison`, `buildBench` and the harness exports
 * write — Markdown tables (Table 3, MRA), the evaluation report, bench
 * statistics, comparison Markdown and SVG, the bar-chart SVG, and the
 * lmms-eval / VLMEvalKit document formats. The writers are on the main entry.
 */
export { table3, mraTable } from '../evaluate/table3';
export { evaluationMarkdown, evaluationReport } from '../evaluate/write-evaluation';
export { statsMarkdown, statsSvg } from '../build/bench-stats';
export { comparisonMarkdown, comparisonSvg } from './compare-runs';
export { renderBarChartSvg, type ChartPanel, type ChartSeries } from './svg-chart';
export { lmmsEvalYaml, lmmsEvalDocument, readPythonScorer, VLMEVALKIT_COLUMNS } from '../export/harness-export';
