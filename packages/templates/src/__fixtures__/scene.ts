// A small hand-written clip and facts for the Sample-assembly tests. The
// labels are stated here, not computed: @stkit/templates only words them.
import type { Clip, Fact } from '@stkit/core';

/** A clip of `frameCount` frames on the 0.5 s grid, with nanosecond timestamps when asked. */
export function makeClip(frameCount = 40, withTimestamps = false): Clip {
  return {
    id: 'demo-0001',
    source: { dataset: 'demo', log: 'log-7', split: 'val', domain: 'driving' },
    up: [0, 0, 1],
    frames: Array.from({ length: frameCount }, (_, k) => ({
      t: 0.5 * k,
      // 1_553_562_431_150_000_000 ns + k · 0.5 s
      ...(withTimestamps ? { timestamp: (1553562431150000000n + BigInt(k) * 500000000n).toString() } : {}),
    })),
    tracks: [
      { id: 'car-1', category: 'car', samples: [{ t: 0, center: [0, 0, 0] }] },
      { id: 'ped-2', category: 'pedestrian', samples: [{ t: 0, center: [5, 5, 0] }] },
      { id: 'bus-3', category: 'bus', samples: [{ t: 0, center: [9, 0, 0] }] },
    ],
  };
}

/** One fact of every template set of every task (14 sets). */
export const FACTS: readonly Fact[] = [
  { task: 'traveled_distance', trackIds: ['car-1'], label: { start: 0, end: 19.5, meters: 152.3 }, wholeVideo: true },
  { task: 'traveled_distance', trackIds: ['ped-2'], label: { start: 2.5, end: 7, meters: 6.125 }, wholeVideo: false },
  {
    task: 'traveling_speed',
    trackIds: ['car-1'],
    label: { start: 0, end: 19.5, metersPerSecond: 7.81 },
    wholeVideo: true,
  },
  {
    task: 'traveling_speed',
    trackIds: ['ped-2'],
    label: { start: 2.5, end: 7, metersPerSecond: 1.361 },
    wholeVideo: false,
  },
  { task: 'movement_direction', trackIds: ['car-1'], label: { clock: 3 } },
  { task: 'direction_timestamp', trackIds: ['bus-3'], label: { clock: 9, start: 4, end: 8.5 } },
  {
    task: 'traveled_distance_comparison',
    trackIds: ['car-1', 'ped-2'],
    label: { polarity: 'positive', answerTrackId: 'car-1', values: { 'car-1': 152.3, 'ped-2': 9.2 } },
  },
  {
    task: 'traveled_distance_comparison',
    trackIds: ['car-1', 'ped-2'],
    label: { polarity: 'negative', answerTrackId: 'ped-2', values: { 'car-1': 152.3, 'ped-2': 9.2 } },
  },
  {
    task: 'traveling_speed_comparison',
    trackIds: ['ped-2', 'bus-3'],
    label: { polarity: 'positive', answerTrackId: 'bus-3', values: { 'ped-2': 1.2, 'bus-3': 8.4 } },
  },
  {
    task: 'traveling_speed_comparison',
    trackIds: ['ped-2', 'bus-3'],
    label: { polarity: 'negative', answerTrackId: 'ped-2', values: { 'ped-2': 1.2, 'bus-3': 8.4 } },
  },
  { task: 'movement_direction_comparison', trackIds: ['car-1', 'bus-3'], label: { polarity: 'positive', same: true } },
  { task: 'movement_direction_comparison', trackIds: ['car-1', 'bus-3'], label: { polarity: 'negative', same: true } },
  { task: 'movement_direction_comparison', trackIds: ['car-1', 'ped-2'], label: { polarity: 'positive', same: false } },
  { task: 'movement_direction_comparison', trackIds: ['car-1', 'ped-2'], label: { polarity: 'negative', same: false } },
];
