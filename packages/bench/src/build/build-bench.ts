/**
 * Builds a balanced benchmark from a pool of samples ([definitions §6](docs/pages/definitions.md#benchmark)): per task,
 * `perTask` samples whose labels spread evenly over the label bins
 * ({@link labelBin}), drawn from the source datasets in the given mix where
 * the pool allows, reporting where it does not. Deterministic for a seed.
 *
 * Selection, per task: quotas per dataset from the mix (capped at what each
 * has, the shortfall moved to the others by weight); then, one pick at a
 * time, the dataset furthest below its quota gives a sample from the label
 * bin that is rarest in the selection so far among the bins it still has
 * (ties broken at random). Within a cell the order is a seeded shuffle.
 */
import { createRandom, InvalidArgumentError, TASK_IDS, type Sample, type TaskId } from '@stkit/core';
import { labelBin, validateEdges, type BinEdges } from './label-bin';
import { mixQuotas, normalizeMix } from './source-mix';

/** Options of {@link buildBench}. */
export interface BuildBenchOptions {
  /** The pool. */
  readonly samples: readonly Sample[];
  /** Samples per task. @default 200 */
  readonly perTask?: number | undefined;
  /** Dataset weights (`sample.source.dataset` → weight); datasets not named are not used. @default no constraint */
  readonly mix?: Readonly<Record<string, number>> | undefined;
  /** @default 0 */
  readonly seed?: number | string | undefined;
  /** Histogram bin edges of distance and speed. */
  readonly bins?: BinEdges | undefined;
  /** Tasks to include. @default all seven */
  readonly tasks?: readonly TaskId[] | undefined;
}

/** How one dataset fared in one task's mix. */
export interface MixOutcome {
  readonly task: TaskId;
  readonly dataset: string;
  /** `perTask · weight`, rounded. */
  readonly wanted: number;
  /** Samples of the dataset in the pool. */
  readonly available: number;
  /** Samples taken. */
  readonly taken: number;
}

/** Result of {@link buildBench}. */
export interface BuildBenchResult {
  /** The benchmark, task by task in `TASK_IDS` order. */
  readonly samples: Sample[];
  /** Per task and dataset, wanted versus taken (empty without a mix). */
  readonly mix: MixOutcome[];
  /** Human-readable notes on where the mix or the task size could not be met. */
  readonly notes: string[];
}

function pickRarestBin(
  bins: Map<string, Sample[]>,
  counts: Map<string, number>,
  random: ReturnType<typeof createRandom>,
): string | undefined {
  let best: string[] = [];
  let bestCount = Number.POSITIVE_INFINITY;
  for (const [bin, cell] of bins) {
    if (cell.length === 0) continue;
    const count = counts.get(bin) ?? 0;
    if (count < bestCount) {
      bestCount = count;
      best = [bin];
    } else if (count === bestCount) best.push(bin);
  }
  return best.length === 0 ? undefined : best.length === 1 ? best[0] : random.pick(best.sort());
}

/**
 * Selects the balanced benchmark.
 * @throws {@link InvalidArgumentError} for `perTask`: must be a positive integer
 */
export function buildBench(options: BuildBenchOptions): BuildBenchResult {
  const perTask = options.perTask ?? 200;
  if (!Number.isInteger(perTask) || perTask < 1)
    throw new InvalidArgumentError({ argument: 'perTask', value: perTask, message: 'must be a positive integer' });
  if (options.bins?.distance) validateEdges(options.bins.distance, 'bins.distance');
  if (options.bins?.speed) validateEdges(options.bins.speed, 'bins.speed');
  const mix = options.mix ? normalizeMix(options.mix) : undefined;
  const random = createRandom(options.seed ?? 0);
  const out: Sample[] = [];
  const outcomes: MixOutcome[] = [];
  const notes: string[] = [];
  for (const task of options.tasks ?? TASK_IDS) {
    const taskRandom = random.fork(task);
    const pool = options.samples.filter((sample) => sample.task === task);
    if (pool.length === 0) {
      notes.push(`${task}: no samples in the pool`);
      continue;
    }
    // cells: dataset → bin → samples (seeded order). Without a mix, one pseudo-dataset.
    const cells = new Map<string, Map<string, Sample[]>>();
    for (const sample of pool) {
      const dataset = mix ? sample.source.dataset : '*';
      if (mix && !(dataset in mix)) continue;
      let bins = cells.get(dataset);
      if (bins === undefined) cells.set(dataset, (bins = new Map()));
      const bin = labelBin(sample, options.bins);
      let cell = bins.get(bin);
      if (cell === undefined) bins.set(bin, (cell = []));
      cell.push(sample);
    }
    for (const bins of cells.values()) for (const [bin, cell] of bins) bins.set(bin, taskRandom.shuffle(cell));
    const available = Object.fromEntries(
      [...cells].map(([dataset, bins]) => [dataset, [...bins.values()].reduce((sum, cell) => sum + cell.length, 0)]),
    );
    const weights = mix ?? { '*': 1 };
    const quotas = mixQuotas(perTask, weights, available);
    const taken = new Map<string, number>();
    const binCounts = new Map<string, number>();
    const picked: Sample[] = [];
    const total = Object.values(quotas).reduce((sum, quota) => sum + quota, 0);
    for (let pick = 0; pick < total; pick++) {
      let dataset: string | undefined;
      let bestDeficit = -1;
      for (const name of Object.keys(quotas).sort()) {
        const quota = quotas[name]!;
        if (quota === 0 || (taken.get(name) ?? 0) >= quota) continue;
        const deficit = (quota - (taken.get(name) ?? 0)) / quota;
        if (deficit > bestDeficit) {
          bestDeficit = deficit;
          dataset = name;
        }
      }
      if (dataset === undefined) break;
      const bins = cells.get(dataset)!;
      const bin = pickRarestBin(bins, binCounts, taskRandom)!;
      picked.push(bins.get(bin)!.pop()!);
      binCounts.set(bin, (binCounts.get(bin) ?? 0) + 1);
      taken.set(dataset, (taken.get(dataset) ?? 0) + 1);
    }
    out.push(...picked);
    if (picked.length < perTask)
      notes.push(`${task}: only ${picked.length} of ${perTask} samples available${mix ? ' in the mix datasets' : ''}`);
    if (mix) {
      const wanted = mixQuotas(
        perTask,
        mix,
        Object.fromEntries(Object.keys(mix).map((name) => [name, Number.POSITIVE_INFINITY])),
      );
      for (const dataset of Object.keys(mix)) {
        const outcome = {
          task,
          dataset,
          wanted: wanted[dataset]!,
          available: available[dataset] ?? 0,
          taken: taken.get(dataset) ?? 0,
        };
        outcomes.push(outcome);
        if (outcome.taken < outcome.wanted)
          notes.push(
            `${task}: ${dataset} short by ${outcome.wanted - outcome.taken} (wanted ${outcome.wanted}, has ${outcome.available})`,
          );
        else if (outcome.taken > outcome.wanted)
          notes.push(
            `${task}: ${dataset} filled ${outcome.taken - outcome.wanted} extra to make up for other datasets`,
          );
      }
    }
  }
  return { samples: out, mix: outcomes, notes };
}
