/**
 * The label bins a benchmark is balanced over ([definitions §6](docs/pages/definitions.md#benchmark)): histogram bins of
 * the value for distance and speed, the clock value for movement direction
 * and direction timestamp, polarity and answer for the comparisons (for the
 * distance/speed comparisons, whether the answer is the first- or the
 * second-named object, so neither position dominates).
 */
import { InvalidArgumentError, type Sample } from '@stkit/core';

/** Lower bin edges of traveled distance, metres (the last bin is open). **(ours)** */
export const DEFAULT_DISTANCE_BINS: readonly number[] = Object.freeze([0, 5, 10, 20, 40, 80]);
/** Lower bin edges of traveling speed, m/s (the last bin is open). **(ours)** */
export const DEFAULT_SPEED_BINS: readonly number[] = Object.freeze([0, 1, 2.5, 5, 10, 15]);

/** Bin edges per magnitude task. */
export interface BinEdges {
  /** Ascending lower edges in metres; values below the first go to the first bin. */
  readonly distance?: readonly number[] | undefined;
  /** Ascending lower edges in m/s. */
  readonly speed?: readonly number[] | undefined;
}

/** Checks that edges are finite and strictly ascending. */
export function validateEdges(edges: readonly number[], argument: string): void {
  if (
    edges.length === 0 ||
    edges.some((edge, index) => !Number.isFinite(edge) || (index > 0 && edge <= edges[index - 1]!))
  ) {
    throw new InvalidArgumentError({
      argument,
      value: edges,
      message: 'bin edges must be finite and strictly ascending',
    });
  }
}

function histogramBin(value: number, edges: readonly number[], unit: string): string {
  let index = 0;
  while (index + 1 < edges.length && value >= edges[index + 1]!) index++;
  const low = edges[index]!;
  return index + 1 < edges.length ? `${low}–${edges[index + 1]} ${unit}` : `≥${low} ${unit}`;
}

/** All bin names of a magnitude task, in order (for tables and charts). */
export function histogramBinNames(edges: readonly number[], unit: string): string[] {
  return edges.map((low, index) =>
    index + 1 < edges.length ? `${low}–${edges[index + 1]} ${unit}` : `≥${low} ${unit}`,
  );
}

/** The bin a sample's label falls in. */
export function labelBin(sample: Sample, edges: BinEdges = {}): string {
  switch (sample.task) {
    case 'traveled_distance':
      return histogramBin(sample.label.meters, edges.distance ?? DEFAULT_DISTANCE_BINS, 'm');
    case 'traveling_speed':
      return histogramBin(sample.label.metersPerSecond, edges.speed ?? DEFAULT_SPEED_BINS, 'm/s');
    case 'movement_direction':
    case 'direction_timestamp':
      return `${sample.label.clock} o'clock`;
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison': {
      const first = sample.objects[0]?.trackId === sample.label.answerTrackId;
      return `${sample.label.polarity} · ${first ? 'first' : 'second'} object`;
    }
    case 'movement_direction_comparison': {
      const yes = (sample.label.polarity === 'positive') === sample.label.same;
      return `${sample.label.polarity} · ${yes ? 'yes' : 'no'} (${sample.label.same ? 'same' : 'different'})`;
    }
  }
}
