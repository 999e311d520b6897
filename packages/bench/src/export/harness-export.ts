/**
 * STKit-Bench for other evaluation harnesses.
 *
 * - lmms-eval: a task folder (`NAME.yaml`, `NAME.jsonl`, `utils.py`) that
 *   `lmms-eval --include_path DIR --tasks NAME` loads as it is. `utils.py` is
 *   `python/stkit_bench.py`: a faithful Python port of the deterministic
 *   extractor and the metrics, so its `process_results` gives the verdict
 *   `stkit-bench evaluate` gives (tested on a corpus of responses in CI).
 * - VLMEvalKit: `DIR/NAME.tsv`, one row per sample (`index`, `question`,
 *   `answer`, `category` = task, `image_path` = the frame list, `video_path`,
 *   and the label columns), plus the same `stkit_bench.py` for scoring.
 *
 * Frame and video paths: in the lmms-eval documents relative to the task
 * folder (utils.py resolves them from its own folder, so folder and frames can
 * move together); in the TSV absolute, as VLMEvalKit opens them from its
 * working directory. Files are written to a temporary name and renamed.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, TASK_IDS, type Sample } from '@stkit/core';
import { questionText } from '../extract/extract-answer';
import { writeFileAtomic } from '@stkit/core/node';

/** Options shared by the exports. */
export interface HarnessExportOptions {
  readonly samples: readonly Sample[];
  /** Folder that the samples' relative frame/video paths resolve against (the benchmark file's folder). */
  readonly baseDir: string;
  /** Output folder (created). */
  readonly out: string;
  /** Task / dataset name: letters, digits and `_`. @default 'stkit_bench' */
  readonly name?: string | undefined;
}

/** What an export wrote. */
export interface HarnessExportResult {
  /** Paths written, data first. */
  readonly files: string[];
  readonly rows: number;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const REMOTE = /^(?:https?:|data:)/i;

function checkName(name: string): string {
  if (!NAME.test(name))
    throw new InvalidArgumentError({
      argument: '--name',
      value: name,
      message: 'must be a letter followed by letters, digits or _ (it names a task and a Python-importable file)',
    });
  return name;
}

function checkSamples(samples: readonly Sample[]): void {
  if (samples.length === 0)
    throw new InvalidArgumentError({ argument: '--bench', message: 'the benchmark has no samples' });
}

/** Creates the output folder; a file in its place (or in a parent's) is an {@link InvalidArgumentError} naming `--out`. */
async function prepareOut(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new InvalidArgumentError({
      argument: '--out',
      value: out,
      message: `cannot be used as the output folder: ${(error as Error).message}`,
    });
  }
}

/**
 * The Python module shipped with the package (`python/stkit_bench.py`), from `src/export` or `dist`.
 * @throws {@link InvalidArgumentError} for `python/stkit_bench.py`: not found beside the package (looked at …); reinstall @stkit/bench
 */
export async function readPythonScorer(): Promise<string> {
  const candidates = ['../../python/stkit_bench.py', '../python/stkit_bench.py'].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  );
  for (const candidate of candidates) {
    try {
      return await readFile(candidate, 'utf8');
    } catch {
      // next candidate
    }
  }
  throw new InvalidArgumentError({
    argument: 'python/stkit_bench.py',
    message: `not found beside the package (looked at ${candidates.join(', ')}); reinstall @stkit/bench`,
  });
}

function absoluteMedia(path: string, baseDir: string): string {
  return REMOTE.test(path) || isAbsolute(path) ? path : resolve(baseDir, path);
}

function relativeMedia(path: string, baseDir: string, out: string): string {
  if (REMOTE.test(path)) return path;
  return relative(resolve(out), absoluteMedia(path, baseDir)).split('\\').join('/');
}

/** What the scorer needs besides id, task and question; one JSON string, so every row has the same simple columns. */
function metaOf(sample: Sample): string {
  return JSON.stringify({
    frameTimes: sample.frameTimes,
    objects: sample.objects,
    label: sample.label,
    source: sample.source,
    tags: sample.tags ?? {},
  });
}

/**
 * One lmms-eval document per sample.
 * @param sample - the sample.
 * @param baseDir - the folder the sample's frame and video paths are relative to.
 * @param out - the export folder; media paths in the document are relative to it.
 */
export function lmmsEvalDocument(sample: Sample, baseDir: string, out: string) {
  return {
    id: sample.id,
    task: sample.task,
    question: questionText(sample),
    answer: sample.conversations[1].value,
    frames: (sample.frames ?? []).map((frame) => relativeMedia(frame, baseDir, out)),
    video: sample.video === undefined ? '' : relativeMedia(sample.video, baseDir, out),
    dataset: sample.source.dataset,
    meta: metaOf(sample),
  };
}

/**
 * The task YAML (lmms-eval's format; `!function` tags point into utils.py).
 * @param name - the task name.
 * @param dataFile - the JSONL data file, relative to the YAML.
 */
export function lmmsEvalYaml(name: string, dataFile: string): string {
  const metric = (metricName: string, aggregation: string) => [
    `  - metric: ${metricName}`,
    `    aggregation: !function utils.${aggregation}`,
    '    higher_is_better: true',
  ];
  return [
    '# STKit-Bench as an lmms-eval task, written by `stkit-bench export --format lmms-eval`.',
    `# Run: python -m lmms_eval --model <model> --include_path <this folder> --tasks ${name}`,
    `task: ${name}`,
    'dataset_path: json',
    'dataset_kwargs:',
    '  data_files:',
    `    test: ${JSON.stringify(dataFile)}`,
    'test_split: test',
    'output_type: generate_until',
    'doc_to_visual: !function utils.doc_to_visual',
    'doc_to_text: !function utils.doc_to_text',
    'doc_to_target: !function utils.doc_to_target',
    'process_results: !function utils.process_results',
    'generation_kwargs:',
    '  max_new_tokens: 512',
    '  temperature: 0',
    '  top_p: 1.0',
    '  num_beams: 1',
    '  do_sample: false',
    'metric_list:',
    // The headline of [definitions §6](docs/pages/definitions.md#benchmark): the mean of the task accuracies.
    ...metric('stkit_score', 'aggregate_average'),
    ...metric('stkit_mra', 'aggregate_mra'),
    ...TASK_IDS.flatMap((task) => metric(`${task}_accuracy`, `aggregate_${task}_accuracy`)),
    ...metric('traveled_distance_mra', 'aggregate_traveled_distance_mra'),
    ...metric('traveling_speed_mra', 'aggregate_traveling_speed_mra'),
    'lmms_eval_specific_kwargs:',
    '  default:',
    '    pre_prompt: ""',
    '    post_prompt: ""',
    'metadata:',
    '  version: 0.1',
    '',
  ].join('\n');
}

/** Writes an lmms-eval task folder: `NAME.jsonl`, `NAME.yaml`, `utils.py`. */
export async function exportLmmsEval(options: HarnessExportOptions): Promise<HarnessExportResult> {
  checkSamples(options.samples);
  const name = checkName(options.name ?? 'stkit_bench');
  const out = resolve(options.out);
  const dataFile = join(out, `${name}.jsonl`);
  const yamlFile = join(out, `${name}.yaml`);
  const utilsFile = join(out, 'utils.py');
  const lines = options.samples.map((sample) => JSON.stringify(lmmsEvalDocument(sample, options.baseDir, out)));
  const scorer = await readPythonScorer();
  await prepareOut(out);
  await writeFileAtomic(dataFile, `${lines.join('\n')}\n`);
  await writeFileAtomic(utilsFile, scorer);
  await writeFileAtomic(yamlFile, lmmsEvalYaml(name, dataFile));
  return { files: [dataFile, yamlFile, utilsFile], rows: lines.length };
}

/** A TSV cell: quoted (RFC 4180 style, as pandas and Python's csv read it) when it holds a tab, newline or quote. */
export function tsvCell(value: string): string {
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Python list literal of strings (VLMEvalKit's `toliststr` reads `image_path` lists this way). */
function pythonList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

/** Columns of the VLMEvalKit TSV, in order. */
export const VLMEVALKIT_COLUMNS = [
  'index',
  'id',
  'question',
  'answer',
  'category',
  'image_path',
  'video_path',
  'dataset',
  'frame_times',
  'label',
  'objects',
  'meta',
] as const;

/** Writes `DIR/NAME.tsv` (one row per sample) and `DIR/stkit_bench.py`. */
export async function exportVlmEvalKit(options: HarnessExportOptions): Promise<HarnessExportResult> {
  checkSamples(options.samples);
  // "openended" in the name: VLMEvalKit's DATASET_TYPE then treats the custom dataset as VQA, not multiple choice.
  const name = checkName(options.name ?? 'STKitBench_OpenEnded');
  const out = resolve(options.out);
  const tsvFile = join(out, `${name}.tsv`);
  const scorerFile = join(out, 'stkit_bench.py');
  const rows = options.samples.map((sample, index) => {
    const frames = (sample.frames ?? []).map((frame) => absoluteMedia(frame, options.baseDir));
    const cells: Record<(typeof VLMEVALKIT_COLUMNS)[number], string> = {
      index: String(index),
      id: sample.id,
      question: questionText(sample),
      answer: sample.conversations[1].value,
      category: sample.task,
      image_path: frames.length === 1 ? frames[0]! : pythonList(frames),
      video_path: sample.video === undefined ? '' : absoluteMedia(sample.video, options.baseDir),
      dataset: sample.source.dataset,
      frame_times: JSON.stringify(sample.frameTimes),
      label: JSON.stringify(sample.label),
      objects: JSON.stringify(sample.objects),
      meta: metaOf(sample),
    };
    return VLMEVALKIT_COLUMNS.map((column) => tsvCell(cells[column])).join('\t');
  });
  await prepareOut(out);
  await writeFileAtomic(tsvFile, `${[VLMEVALKIT_COLUMNS.join('\t'), ...rows].join('\n')}\n`);
  await writeFileAtomic(scorerFile, await readPythonScorer());
  return { files: [tsvFile, scorerFile], rows: rows.length };
}
