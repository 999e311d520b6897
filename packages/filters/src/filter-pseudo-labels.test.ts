import type { Clip } from '@stkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { chatReply, startFakeServer, type FakeServer } from '../test/fake-openai-server';
import { makeSample } from '../test/samples';
import { filterPseudoLabels } from './filter-pseudo-labels';
import type { LikelihoodScorerV1 } from './likelihood/likelihood-scorer';
import type { PseudoScene } from './pseudo-scene';
import { createVlmJudge } from './vlm-judge/vlm-judge';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);

function scene(id: string, boxConfidence = 0.9): PseudoScene {
  const clip: Clip = {
    id,
    source: { dataset: 'demo', log: id },
    up: [0, 0, 1],
    frames: Array.from({ length: 5 }, (_, k) => ({ t: 0.5 * k })),
    tracks: [],
  };
  // One object moving 1 m per frame along x, given by centroids (no clouds).
  const observations = Array.from({ length: 5 }, (_, k) => ({
    t: 0.5 * k,
    boxConfidence,
    box: [0, 0, 20, 20] as const,
    center: [k, 0, 0] as [number, number, number],
  }));
  return { clip, tracks: [{ id: `${id}-car`, category: 'car', observations }] };
}

/** A scorer implemented in the test: fixed log-likelihoods per sample id. */
const scores: Record<string, number> = { 'A-1': -1, 'A-2': -10, 'D-1': -2, 'D-2': -3 };
const tableScorer: LikelihoodScorerV1 = {
  specificationVersion: 'v1',
  scorerId: 'table',
  modelId: 'table',
  doScore: async ({ samples }) => ({ logLikelihoods: Float64Array.from(samples, (sample) => scores[sample.id]!) }),
};

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('filterPseudoLabels', () => {
  it('runs the three stages in order and reports per stage and reason', async () => {
    // The judge answers "No" to the occlusion prompt for JPEG frames (scene C), "Yes" otherwise.
    server = await startFakeServer((request) => {
      const content = request.body.messages[0].content;
      const isJpeg = content[0].image_url.url.startsWith('data:image/jpeg');
      return chatReply(isJpeg && content.at(-1).text.startsWith('Is the object inside') ? 'No.' : 'Yes.');
    });
    const judge = createVlmJudge({ baseURL: server.baseURL, model: 'fake-vlm' });
    async function* scenes() {
      yield scene('A');
      yield scene('B', 0.1); // every detection below 0.4 → no track left
      yield scene('C');
      yield scene('D');
    }
    const generated: string[] = [];
    const result = await filterPseudoLabels({
      scenes: scenes(),
      judge,
      frames: (clip) => (clip.id === 'C' ? [JPEG] : [PNG]),
      generateSamples: (clip) => {
        generated.push(clip.id);
        return [
          makeSample('traveled_distance', `${clip.id}-1`, 'q', 'a', clip.id),
          makeSample('traveled_distance', `${clip.id}-2`, 'q', 'a', clip.id),
        ];
      },
      scorer: tableScorer,
      concurrency: 2,
    });
    // Stage 3 over A-1 −1, A-2 −10, D-1 −2, D-2 −3: min −10, max −1 → 1, 0, 8/9 = 0.889, 7/9 = 0.778; ≥ 0.8 keeps A-1, D-1.
    expect(result.samples.map((sample) => sample.id)).toEqual(['A-1', 'D-1']);
    expect(result.clips.map((clip) => clip.id)).toEqual(['A', 'D']);
    expect(generated.sort()).toEqual(['A', 'D']);
    expect(result.report).toEqual({
      ruleBased: {
        stage: 'rule_based',
        unit: 'scene',
        applied: true,
        input: 4,
        kept: 3,
        reasons: { no_track_left: 1 },
        observations: { low_box_confidence: 5 },
        tracks: { too_few_observations: 1 },
      },
      generalModelBased: {
        stage: 'general_model_based',
        unit: 'scene',
        applied: true,
        input: 3,
        kept: 2,
        reasons: { occlusion: 1 },
      },
      taskSpecificModelBased: {
        stage: 'task_specific_model_based',
        unit: 'sample',
        applied: true,
        input: 4,
        kept: 2,
        reasons: { traveled_distance: 2 },
      },
    });
    expect(server.requests).toHaveLength(12); // 3 scenes reach the judge × 4 prompts
    // The smoothed track of A: centroids on x = k, a constant-velocity line the smoother keeps.
    expect(result.clips[0]!.tracks[0]!.samples.map((sample) => Math.round(sample.center[0] * 1000) / 1000)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('passes everything through unconfigured stages and propagates failures', async () => {
    const result = await filterPseudoLabels({
      scenes: [scene('A')],
      generateSamples: (clip) => [makeSample('movement_direction', `${clip.id}-1`)],
    });
    expect(result.samples).toHaveLength(1);
    expect(result.report.generalModelBased).toMatchObject({ applied: false, input: 1, kept: 1 });
    expect(result.report.taskSpecificModelBased).toMatchObject({ applied: false, input: 1, kept: 1 });
    await expect(
      filterPseudoLabels({
        scenes: [scene('A'), scene('B')],
        generateSamples: () => {
          throw new Error('templates failed');
        },
      }),
    ).rejects.toThrow('templates failed');
    await expect(
      filterPseudoLabels({
        scenes: [scene('A')],
        judge: createVlmJudge({ baseURL: 'http://127.0.0.1:9/v1', model: 'm' }),
        generateSamples: () => [],
      }),
    ).rejects.toThrow(/frames without an image/);
  });
});
