/**
 * Parity of the Python port (python/stkit_bench.py, shipped as the lmms-eval
 * task's utils.py and beside the VLMEvalKit TSV) with `stkit-bench evaluate`:
 * every response of the parity corpus is scored by the CLI in process and by
 * Debian's python3 through the exported files, and every verdict, extracted
 * value and MRA must agree. The exported YAML is loaded with PyYAML (a
 * `!function` constructor, as lmms-eval registers) and utils.py is imported,
 * so the task folder is proven to load.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEBIAN_PYTHON,
  HEAVY_PROCESS_TIMEOUT_MS,
  PROCESS_TIMEOUT_MS,
  pythonModulesUnavailable,
  runProcess,
} from '@stkit/test-data';
import type { Sample } from '@stkit/core';
import { HAND_WRITTEN_RESPONSES, parityCases } from '../__fixtures__/parity-corpus';
import { makeSample } from '../__fixtures__/samples';
import { main } from '../cli/main';

const PY_LMMS = String.raw`
import ast, importlib, json, sys
folder, responses_file = sys.argv[1], sys.argv[2]
import yaml

class Loader(yaml.SafeLoader):
    pass

def function_tag(loader, node):
    return ('!function', loader.construct_scalar(node))

Loader.add_constructor('!function', function_tag)
with open(folder + '/stkit_bench.yaml') as handle:
    config = yaml.load(handle, Loader=Loader)
sys.path.insert(0, folder)
utils = importlib.import_module('utils')
# Every !function names a callable of utils.py.
functions = []
def walk(value):
    if isinstance(value, tuple) and value[0] == '!function':
        module, name = value[1].split('.')
        assert module == 'utils', value
        assert callable(getattr(utils, name)), value
        functions.append(value[1])
    elif isinstance(value, dict):
        for item in value.values(): walk(item)
    elif isinstance(value, list):
        for item in value: walk(item)
walk(config)
# Module-level imports: the standard library only.
tree = ast.parse(open(folder + '/utils.py').read())
top = set()
for node in tree.body:
    if isinstance(node, ast.Import): top.update(alias.name.split('.')[0] for alias in node.names)
    if isinstance(node, ast.ImportFrom): top.add((node.module or '').split('.')[0])
nonstd = sorted(name for name in top if name not in sys.stdlib_module_names)
responses = json.load(open(responses_file))
docs = [json.loads(line) for line in open(config['dataset_kwargs']['data_files']['test'])]
scores = []
for doc in docs:
    out = utils.process_results(doc, [responses[doc['id']]], full_docs=None)
    entry = out['stkit_score']
    metric_names = [metric['metric'] for metric in config['metric_list']]
    assert set(metric_names) <= set(out), (metric_names, list(out))
    scored = utils.evaluate(doc, responses[doc['id']])
    assert utils.doc_to_text(doc, {'pre_prompt': 'PRE ', 'post_prompt': ' POST'}) == 'PRE ' + doc['question'] + ' POST'
    assert utils.doc_to_text(doc) == doc['question'] and utils.doc_to_target(doc) == doc['answer']
    scores.append({'id': entry['id'], 'task': entry['task'], 'correct': entry['correct'], 'extracted': entry['extracted'], 'mra': entry.get('mra'), 'prediction': scored['prediction']})
aggregates = {metric['metric']: getattr(utils, metric['aggregation'][1].split('.')[1])([utils.process_results(doc, [responses[doc['id']]])[metric['metric']] for doc in docs]) for metric in config['metric_list']}
print(json.dumps({'config': {key: value for key, value in config.items() if not isinstance(value, tuple)}, 'functions': functions, 'nonstd': nonstd, 'scores': scores, 'aggregates': aggregates}))
`;

const PY_TSV = String.raw`
import csv, json, sys
folder, responses_file = sys.argv[1], sys.argv[2]
sys.path.insert(0, folder)
import stkit_bench
responses = json.load(open(responses_file))
csv.field_size_limit(1 << 24)
with open(folder + '/STKitBench_OpenEnded.tsv', newline='') as handle:
    rows = list(csv.DictReader(handle, delimiter='\t'))
out = []
for row in rows:
    scored = stkit_bench.evaluate(row, responses[row['id']])
    out.append({'id': row['id'], 'index': row['index'], 'category': row['category'], 'image_path': row['image_path'], 'correct': scored['correct']})
# A VLMEvalKit prediction file: the TSV's columns plus 'prediction', scored by the module's command.
with open(folder + '/predictions.tsv', 'w', newline='') as handle:
    writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()) + ['prediction'], delimiter='\t')
    writer.writeheader()
    for row in rows:
        writer.writerow(dict(row, prediction=responses[row['id']]))
metrics = stkit_bench.score_prediction_file(folder + '/predictions.tsv')['metrics']
print(json.dumps({'rows': out, 'metrics': metrics}))
`;

interface Verdict {
  id: string;
  task: string;
  correct: boolean;
  extracted: boolean;
  mra?: number | null;
  prediction: Record<string, unknown> | null;
}

const unavailable = await pythonModulesUnavailable(['yaml']);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(unavailable !== undefined)('Python port ↔ stkit-bench evaluate (parity corpus)', () => {
  let dir: string;
  let samples: Sample[];
  let responses: Record<string, string>;
  let typescript: Map<string, Verdict>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stkit-parity-'));
    const cases = parityCases();
    samples = cases.map((entry, index) => ({ ...entry.sample, id: `${entry.sample.id}#${index}` }) as Sample);
    responses = Object.fromEntries(cases.map((entry, index) => [samples[index]!.id, entry.response]));
    await writeFile(join(dir, 'bench.jsonl'), `${samples.map((sample) => JSON.stringify(sample)).join('\n')}\n`);
    await writeFile(
      join(dir, 'predictions.jsonl'),
      `${samples.map((sample) => JSON.stringify({ id: sample.id, response: responses[sample.id] })).join('\n')}\n`,
    );
    await writeFile(join(dir, 'responses.json'), JSON.stringify(responses));
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => process.stderr.write(text) } };
    expect(
      await main(
        [
          'evaluate',
          '--bench',
          join(dir, 'bench.jsonl'),
          '--predictions',
          join(dir, 'predictions.jsonl'),
          '--out',
          join(dir, 'eval'),
        ],
        io,
      ),
    ).toBe(0);
    expect(
      await main(
        ['export', '--format', 'lmms-eval', '--bench', join(dir, 'bench.jsonl'), '--out', join(dir, 'lmms')],
        io,
      ),
    ).toBe(0);
    expect(
      await main(
        ['export', '--format', 'vlmevalkit', '--bench', join(dir, 'bench.jsonl'), '--out', join(dir, 'vlm')],
        io,
      ),
    ).toBe(0);
    const lines = (await readFile(join(dir, 'eval', 'results.jsonl'), 'utf8')).trim().split('\n');
    typescript = new Map(lines.map((line) => JSON.parse(line) as Verdict).map((verdict) => [verdict.id, verdict]));
  }, PROCESS_TIMEOUT_MS);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has a few hundred real-looking responses', () => {
    expect(HAND_WRITTEN_RESPONSES).toBeGreaterThanOrEqual(300);
    expect(samples.length).toBeGreaterThan(1000);
  });

  it(
    'lmms-eval: the YAML loads, utils.py imports (standard library only) and every verdict equals evaluate',
    async () => {
      const { stdout } = await runProcess(
        DEBIAN_PYTHON,
        ['-c', PY_LMMS, join(dir, 'lmms'), join(dir, 'responses.json')],
        { timeoutMs: HEAVY_PROCESS_TIMEOUT_MS, maxBuffer: 1 << 28 },
      );
      const result = JSON.parse(stdout) as {
        config: Record<string, unknown>;
        functions: string[];
        nonstd: string[];
        scores: Verdict[];
        aggregates: Record<string, number>;
      };
      expect(result.nonstd).toEqual([]);
      expect(result.config).toMatchObject({
        task: 'stkit_bench',
        dataset_path: 'json',
        test_split: 'test',
        output_type: 'generate_until',
      });
      expect(result.functions).toEqual(
        expect.arrayContaining([
          'utils.doc_to_visual',
          'utils.doc_to_text',
          'utils.doc_to_target',
          'utils.process_results',
          'utils.aggregate_average',
        ]),
      );
      expect(result.scores).toHaveLength(samples.length);
      const mismatches: string[] = [];
      for (const python of result.scores) {
        const ts = typescript.get(python.id)!;
        const predictionsAgree =
          JSON.stringify(normalizePrediction(ts.prediction)) === JSON.stringify(normalizePrediction(python.prediction));
        if (
          ts.correct !== python.correct ||
          ts.extracted !== python.extracted ||
          (ts.mra ?? null) !== (python.mra ?? null) ||
          !predictionsAgree
        ) {
          mismatches.push(
            `${python.id} ${JSON.stringify(responses[python.id])}: ts ${JSON.stringify(ts.prediction)} ${ts.correct} / py ${JSON.stringify(python.prediction)} ${python.correct}`,
          );
        }
      }
      expect(mismatches).toEqual([]);
      // Both verdicts are real: the corpus holds right and wrong answers and unextractable ones in every task.
      const verdicts = [...typescript.values()];
      for (const task of new Set(verdicts.map((verdict) => verdict.task))) {
        const ofTask = verdicts.filter((verdict) => verdict.task === task);
        expect(
          ofTask.some((verdict) => verdict.correct),
          task,
        ).toBe(true);
        expect(
          ofTask.some((verdict) => verdict.extracted && !verdict.correct),
          task,
        ).toBe(true);
        expect(
          ofTask.some((verdict) => !verdict.extracted),
          task,
        ).toBe(true);
      }
      // The headline aggregation equals the report's average.
      const report = JSON.parse(await readFile(join(dir, 'eval', 'report.json'), 'utf8')) as {
        metrics: { average: number; tasks: Record<string, { mra: number | null }> };
      };
      expect(result.aggregates.stkit_score).toBeCloseTo(report.metrics.average, 12);
      expect(result.aggregates.traveled_distance_mra).toBeCloseTo(report.metrics.tasks.traveled_distance!.mra!, 12);
    },
    HEAVY_PROCESS_TIMEOUT_MS,
  );

  it(
    'VLMEvalKit: one TSV row per sample (read by csv), categories are tasks, and its rows score like evaluate',
    async () => {
      const { stdout } = await runProcess(
        DEBIAN_PYTHON,
        ['-c', PY_TSV, join(dir, 'vlm'), join(dir, 'responses.json')],
        { timeoutMs: HEAVY_PROCESS_TIMEOUT_MS, maxBuffer: 1 << 28 },
      );
      const parsed = JSON.parse(stdout) as {
        rows: { id: string; index: string; category: string; image_path: string; correct: boolean }[];
        metrics: { average: number; tasks: Record<string, { accuracy: number }> };
      };
      const rows = parsed.rows;
      const report = JSON.parse(await readFile(join(dir, 'eval', 'report.json'), 'utf8')) as {
        metrics: { average: number; tasks: Record<string, { accuracy: number }> };
      };
      expect(parsed.metrics.average).toBeCloseTo(report.metrics.average, 12);
      for (const [task, metrics] of Object.entries(report.metrics.tasks))
        expect(parsed.metrics.tasks[task]!.accuracy, task).toBeCloseTo(metrics.accuracy, 12);
      // Frame lists as VLMEvalKit's toliststr reads them: a Python list literal of absolute paths.
      expect(
        rows.every(
          (row) => row.image_path === '[]' || row.image_path.startsWith("['/") || row.image_path.startsWith('/'),
        ),
      ).toBe(true);
      expect(rows.map((row) => row.id)).toEqual(samples.map((sample) => sample.id));
      expect(rows.map((row) => row.index)).toEqual(samples.map((_, index) => String(index)));
      expect(rows.map((row) => row.category)).toEqual(samples.map((sample) => sample.task));
      expect(rows.filter((row) => row.correct !== typescript.get(row.id)!.correct)).toEqual([]);
    },
    HEAVY_PROCESS_TIMEOUT_MS,
  );
});

describe.skipIf(unavailable !== undefined)('exported media paths', () => {
  it(
    'lmms-eval documents resolve frames and videos from utils.py, the TSV holds absolute paths; both exist',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stkit-export-media-'));
      try {
        await mkdir(join(dir, 'bench', 'frames'), { recursive: true });
        await writeFile(join(dir, 'bench', 'frames', 'a.png'), PNG);
        await writeFile(join(dir, 'bench', 'frames', 'b.png'), PNG);
        await writeFile(join(dir, 'bench', 'clip.mp4'), 'video bytes');
        const withFrames = makeSample(
          'movement_direction',
          { clock: 3 },
          { id: 'f', frames: ['frames/a.png', 'frames/b.png'] },
        );
        const withVideo = { ...makeSample('movement_direction', { clock: 3 }, { id: 'v' }), video: 'clip.mp4' };
        await writeFile(
          join(dir, 'bench', 'bench.jsonl'),
          `${[withFrames, withVideo].map((sample) => JSON.stringify(sample)).join('\n')}\n`,
        );
        const io = { stdout: { write: () => true }, stderr: { write: (text: string) => process.stderr.write(text) } };
        expect(
          await main(
            [
              'export',
              '--format',
              'lmms-eval',
              '--bench',
              join(dir, 'bench', 'bench.jsonl'),
              '--out',
              join(dir, 'task'),
              '--name',
              'stkit_media',
            ],
            io,
          ),
        ).toBe(0);
        expect(
          await main(
            [
              'export',
              '--format',
              'vlmevalkit',
              '--bench',
              join(dir, 'bench', 'bench.jsonl'),
              '--out',
              join(dir, 'tsv'),
            ],
            io,
          ),
        ).toBe(0);
        const script = String.raw`
import csv, importlib, json, os, sys
sys.path.insert(0, sys.argv[1])
utils = importlib.import_module('utils')
docs = [json.loads(line) for line in open(os.path.join(sys.argv[1], 'stkit_media.jsonl'))]
rows = list(csv.DictReader(open(sys.argv[2]), delimiter='	'))
print(json.dumps({'docs': {d['id']: [d['frames'], utils.doc_media_paths(d), [os.path.isfile(p) for p in utils.doc_media_paths(d)]] for d in docs}, 'rows': {r['id']: [r['image_path'], r['video_path']] for r in rows}}))
`;
        const { stdout } = await runProcess(
          DEBIAN_PYTHON,
          ['-c', script, join(dir, 'task'), join(dir, 'tsv', 'STKitBench_OpenEnded.tsv')],
          { timeoutMs: PROCESS_TIMEOUT_MS },
        );
        const result = JSON.parse(stdout) as {
          docs: Record<string, [string[], string[], boolean[]]>;
          rows: Record<string, [string, string]>;
        };
        expect(result.docs.f![0]).toEqual(['../bench/frames/a.png', '../bench/frames/b.png']);
        expect(result.docs.f![1]).toEqual([
          join(dir, 'bench', 'frames', 'a.png'),
          join(dir, 'bench', 'frames', 'b.png'),
        ]);
        expect(result.docs.f![2]).toEqual([true, true]);
        expect(result.docs.v![1]).toEqual([join(dir, 'bench', 'clip.mp4')]);
        expect(result.docs.v![2]).toEqual([true]);
        expect(result.rows.f).toEqual([
          `['${join(dir, 'bench', 'frames', 'a.png')}', '${join(dir, 'bench', 'frames', 'b.png')}']`,
          '',
        ]);
        expect(result.rows.v).toEqual(['[]', join(dir, 'bench', 'clip.mp4')]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    PROCESS_TIMEOUT_MS * 2,
  );
});

/** Predictions compared with values rounded to 12 significant digits (the same doubles in both, but printed differently: 3 vs 3.0). */
function normalizePrediction(prediction: Record<string, unknown> | null): Record<string, unknown> | null {
  if (prediction === null || prediction === undefined) return null;
  return Object.fromEntries(
    Object.entries(prediction).map(([key, value]) => [
      key,
      typeof value === 'number' ? Number(value.toPrecision(12)) : value,
    ]),
  );
}
