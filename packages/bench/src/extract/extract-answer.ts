/**
 * The deterministic extractor (the default): reads a model's free-form
 * response to a sample's question into a {@link Prediction} of the sample's
 * task, or `undefined` when nothing can be extracted (which scores as wrong).
 */
import type { Sample } from '@stkit/core';
import { extractClock } from './extract-clock';
import { extractComparedObjectIndex } from './extract-comparison';
import { extractInterval } from './extract-interval';
import { extractMagnitude } from './extract-magnitude';
import { extractSameDirection } from './extract-same-direction';
import type { Prediction } from './types';

/** Options of {@link extractAnswer}. */
export interface ExtractAnswerOptions {
  /** The benchmark sample the response answers. */
  readonly sample: Sample;
  /** The model's response text. */
  readonly response: string;
}

/** The human turn without the `<video>` / `<image>` placeholders: the question as the model sees it. */
export function questionText(sample: Sample): string {
  return sample.conversations[0].value.replace(/<(?:video|image)>\s*/g, '').trim();
}

/** Reads the response of `options.sample`'s task; `undefined` when it states no answer. */
export function extractAnswer(options: ExtractAnswerOptions): Prediction | undefined {
  const { sample, response } = options;
  switch (sample.task) {
    case 'traveled_distance': {
      const meters = extractMagnitude({ response, kind: 'length', question: questionText(sample) });
      return meters === undefined ? undefined : { kind: 'distance', meters };
    }
    case 'traveling_speed': {
      const metersPerSecond = extractMagnitude({ response, kind: 'speed', question: questionText(sample) });
      return metersPerSecond === undefined ? undefined : { kind: 'speed', metersPerSecond };
    }
    case 'movement_direction': {
      const clock = extractClock(response);
      return clock === undefined ? undefined : { kind: 'clock', clock };
    }
    case 'direction_timestamp': {
      const videoEnd = sample.frameTimes[sample.frameTimes.length - 1];
      const interval = extractInterval({ response, videoEnd });
      return interval === undefined ? undefined : { kind: 'interval', start: interval.start, end: interval.end };
    }
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison': {
      const kind = sample.task === 'traveled_distance_comparison' ? 'length' : 'speed';
      const index = extractComparedObjectIndex({
        response,
        objects: sample.objects,
        polarity: sample.label.polarity,
        kind,
      });
      if (index === undefined) return undefined;
      const object = sample.objects[index]!;
      return { kind: 'object', color: object.color, trackId: object.trackId };
    }
    case 'movement_direction_comparison': {
      const same = extractSameDirection({ response, polarity: sample.label.polarity });
      return same === undefined ? undefined : { kind: 'same-direction', same };
    }
  }
}
