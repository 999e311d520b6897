/**
 * Precomputed backends over a MonST3R output folder: run MonST3R in Python,
 * do everything else in STKit. The folder is read once, on first use.
 */
import { InvalidArgumentError } from '@stkit/core';
import { readMonst3rOutput, type Monst3rScene, type ReadMonst3rOptions } from './monst3r-output';
import type { DepthBackendV1, DepthCallOptions, DepthResult, SceneBackendV1 } from './types';

/** Settings of the precomputed MonST3R backends. */
export interface Monst3rPrecomputedSettings {
  /** The folder MonST3R wrote (`pred_traj.txt`, `frame_%04d.npy`, …). */
  readonly folder: string;
  /** Read the dynamic masks (needs sharp). @default true */
  readonly masks?: boolean;
}

function lazyScene(settings: Monst3rPrecomputedSettings) {
  let pending: Promise<Monst3rScene> | undefined;
  return (signal?: AbortSignal): Promise<Monst3rScene> => {
    const options: ReadMonst3rOptions = {
      ...(settings.masks !== undefined ? { masks: settings.masks } : {}),
      ...(signal ? { signal } : {}),
    };
    pending ??= readMonst3rOutput(settings.folder, options).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** The whole MonST3R reconstruction as a scene backend (`Scene4D`-shaped, `metric: false`). */
export function createMonst3rSceneBackend(settings: Monst3rPrecomputedSettings): SceneBackendV1<Monst3rScene> {
  const load = lazyScene(settings);
  return {
    specificationVersion: 'v1',
    backendId: 'precomputed',
    modelId: 'monst3r',
    async doReconstruct(options = {}) {
      return { scene: await load(options.signal) };
    },
  };
}

/**
 * MonST3R's per-frame depth as a depth backend (`frameIndex` selects the
 * frame). The depth is in MonST3R's arbitrary scale, not metres: canonicalise
 * before measuring anything with it.
 */
export function createMonst3rDepthBackend(settings: Monst3rPrecomputedSettings): DepthBackendV1 {
  const load = lazyScene(settings);
  return {
    specificationVersion: 'v1',
    backendId: 'precomputed',
    modelId: 'monst3r',
    async doEstimate(options: DepthCallOptions): Promise<DepthResult> {
      const scene = await load(options.signal);
      const index = options.frameIndex;
      if (index === undefined || !Number.isInteger(index) || index < 0 || index >= scene.frames.length) {
        throw new InvalidArgumentError({
          argument: 'frameIndex',
          value: index,
          message: `must be an integer in 0…${scene.frames.length - 1} for ${settings.folder}`,
        });
      }
      const frame = scene.frames[index]!;
      return {
        depth: frame.depth,
        width: scene.width,
        height: scene.height,
        intrinsics: frame.intrinsics,
        intrinsicsAssumed: false,
        provider: undefined,
      };
    },
  };
}
