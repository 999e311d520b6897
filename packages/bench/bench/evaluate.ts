/**
 * Benchmark: evaluation of a full-size STKit-Bench (1,400 samples, 200 per
 * task) with the deterministic extractor, against the floor of reading the
 * same inputs (JSON.parse of every bench and prediction line).
 *
 *   npx tsx --conditions=@stkit/source bench/evaluate.ts [--write DIR]
 *
 * Inputs are fixed (seed 7): per task, responses in a mix of styles — the
 * reference answer, verbose markdown with reasoning, other units, a wrong
 * value, a refusal. `--write DIR` also writes DIR/bench.jsonl and
 * DIR/predictions.jsonl for timing the CLI as a whole process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRandom, type Sample, type TaskId, TASK_IDS } from '@stkit/core';
import { makeSample } from '../src/__fixtures__/samples';
import { evaluatePredictions } from '../src/evaluate/evaluate-predictions';
import type { PredictionLine } from '../src/io/predictions-file';

const random = createRandom(7);
const PER_TASK = 200;

function sampleFor(task: TaskId, index: number): { sample: Sample; responses: string[] } {
  const id = `${task}-${index}`;
  const dataset = ['nuplan', 'nuscenes', 'argoverse2', 'aria'][index % 4]!;
  const tags = { occlusion: index % 3 === 0, objects: 1 + (index % 2) };
  switch (task) {
    case 'traveled_distance': {
      const meters = Math.round((1 + random.next() * 90) * 100) / 100;
      const sample = makeSample(task, { start: 2, end: 6.5, meters }, { id, dataset, tags });
      return {
        sample,
        responses: [
          `The given object traveled ${meters.toFixed(2)} meters between 2.00 and 6.50 seconds.`,
          `### Estimate\n\nLooking at frames 2.00s to 6.50s, the car moves about 2 m per frame.\n\n**Total distance:** approximately ${(meters / 0.3048).toFixed(1)} ft (${meters.toFixed(1)} m).`,
          `${(meters * 1.4).toFixed(1)} m`,
          'I cannot determine the distance from the frames.',
        ],
      };
    }
    case 'traveling_speed': {
      const mps = Math.round((0.5 + random.next() * 20) * 100) / 100;
      const sample = makeSample(task, { start: 1.5, end: 7, metersPerSecond: mps }, { id, dataset, tags });
      return {
        sample,
        responses: [
          `The object's average speed between 1.50 and 7.00 seconds is ${mps.toFixed(2)} m/s.`,
          `It covers roughly ${(mps * 5.5).toFixed(0)} m in 5.5 s, so the average speed is about **${(mps * 3.6).toFixed(1)} km/h**.`,
          `~${(mps * 2.23694).toFixed(0)} mph`,
          'Sorry, I cannot estimate speeds.',
        ],
      };
    }
    case 'movement_direction': {
      const clock = 1 + random.int(12);
      const sample = makeSample(task, { clock }, { id, dataset, tags });
      return {
        sample,
        responses: [
          `At the end of the video, the object moves toward the ${clock} o'clock direction.`,
          `Initially it heads toward 12 o'clock; then it turns to the ${(clock % 12) + 1}:00 direction.`,
          `${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'][clock - 1]} o'clock`,
          'It is hard to say.',
        ],
      };
    }
    case 'direction_timestamp': {
      const start = random.int(10) / 2;
      const sample = makeSample(task, { clock: 3, start, end: start + 1.5 }, { id, dataset, tags });
      return {
        sample,
        responses: [
          `From ${start.toFixed(2)} to ${(start + 1.5).toFixed(2)} seconds, the object is heading toward the 3 o'clock direction.`,
          `Between ${(start + 0.5).toFixed(1)}s–${(start + 2).toFixed(1)}s.`,
          `[${start}, ${start + 3}]`,
          'Never.',
        ],
      };
    }
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison': {
      const positive = random.next() < 0.5;
      const sample = makeSample(
        task,
        {
          polarity: positive ? 'positive' : 'negative',
          answerTrackId: 'track-a',
          values: { 'track-a': positive ? 20 : 5, 'track-b': positive ? 5 : 20 },
        },
        { id, dataset, tags },
      );
      return {
        sample,
        responses: [
          'The red one.',
          'The object annotated with the blue bounding box moves faster than the one annotated with the red bounding box.',
          '**Blue** travels less than red.',
          'Both are the same.',
        ],
      };
    }
    case 'movement_direction_comparison': {
      const same = random.next() < 0.5;
      const sample = makeSample(
        task,
        { polarity: random.next() < 0.5 ? 'positive' : 'negative', same },
        { id, dataset, tags },
      );
      return {
        sample,
        responses: [
          'Yes.',
          'No, they are moving in different directions.',
          'They are heading in the same direction.',
          'Unclear.',
        ],
      };
    }
  }
}

const samples: Sample[] = [];
const predictions = new Map<string, PredictionLine>();
for (const task of TASK_IDS) {
  for (let index = 0; index < PER_TASK; index++) {
    const { sample, responses } = sampleFor(task, index);
    samples.push(sample);
    predictions.set(sample.id, {
      id: sample.id,
      response: responses[random.int(responses.length)]!,
      model: 'bench-model',
    });
  }
}

const { values } = parseArgs({ options: { write: { type: 'string' } } });
const benchLines = samples.map((sample) => JSON.stringify(sample));
const predictionLines = [...predictions.values()].map((line) => JSON.stringify(line));
if (values.write) {
  mkdirSync(values.write, { recursive: true });
  writeFileSync(join(values.write, 'bench.jsonl'), `${benchLines.join('\n')}\n`);
  writeFileSync(join(values.write, 'predictions.jsonl'), `${predictionLines.join('\n')}\n`);
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(runs: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

let average = 0;
await time(3, async () => void (await evaluatePredictions({ samples, predictions }))); // warm-up
const evaluate = await time(21, async () => {
  average = (await evaluatePredictions({ samples, predictions })).metrics.average ?? 0;
});
const floor = await time(21, () => {
  for (const line of benchLines) JSON.parse(line);
  for (const line of predictionLines) JSON.parse(line);
});
const rows = [
  [
    'evaluatePredictions (extract + score + aggregate + breakdowns)',
    median(evaluate),
    Math.min(...evaluate),
    Math.max(...evaluate),
  ],
  ['peer floor: JSON.parse of the same 2 × 1,400 lines', median(floor), Math.min(...floor), Math.max(...floor)],
] as const;
console.log(`samples: ${samples.length}, average accuracy of the fixed responses: ${(average * 100).toFixed(1)} %`);
console.log('| step | median ms | min ms | max ms |\n|---|---:|---:|---:|');
for (const [name, med, min, max] of rows)
  console.log(`| ${name} | ${med.toFixed(2)} | ${min.toFixed(2)} | ${max.toFixed(2)} |`);
console.log(`ratio evaluate / parse floor (medians): ${(median(evaluate) / median(floor)).toFixed(1)}×`);
