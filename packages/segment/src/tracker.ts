/**
 * Tracking with stable ids, as Grounded-SAM-2's continuous-id demo does it
 * with an image predictor: every `detectEvery` frames the detector runs and
 * SAM 2 segments its boxes; on every frame the objects already tracked are
 * carried over by prompting SAM 2 with their previous box and previous mask
 * logits. On a detection frame each new mask is matched to a carried-over
 * object by mask IoU (greedy, highest first, ≥ `iouThreshold`): a match keeps
 * the object's id (and takes the new mask, box and scores), an unmatched
 * detection gets a new id (ids never reused). An object whose mask becomes
 * empty is dropped. SAM 2's video memory (memory encoder / attention graphs)
 * is not used: the exported memory graphs are not supported yet.
 */
import { InvalidArgumentError, MAX_INSTANCE_ID, type MaskFrame, type MaskInstance } from '@stkit/core';
import type { DetectorBackendV1 } from './onnx/grounding-dino';
import { maskBounds, maskIou, type RgbImage } from './onnx/image';
import type { MaskBackendV1 } from './onnx/sam2';

/** A decoded video frame. */
export interface VideoFrame {
  readonly frameIndex: number;
  readonly image: RgbImage;
}

/** Options of {@link segmentVideo}. */
export interface SegmentVideoOptions {
  readonly frames: AsyncIterable<VideoFrame> | Iterable<VideoFrame>;
  readonly detector: DetectorBackendV1;
  readonly segmenter: MaskBackendV1;
  /** Phrases separated by '.', e.g. `"car. person."`. */
  readonly prompt: string;
  /** Run the detector on every K-th frame (the first frame always). @default 1 */
  readonly detectEvery?: number;
  /** Minimum mask IoU for a detection to keep a tracked object's id. @default 0.5 */
  readonly iouThreshold?: number;
  /** Called after each frame with what happened. */
  readonly onFrame?: (info: {
    frameIndex: number;
    objects: number;
    detected: boolean;
    provider: string | undefined;
  }) => void;
  readonly signal?: AbortSignal;
}

interface Tracked {
  id: number;
  className: string;
  boxScore: number | undefined;
  textScore: number | undefined;
  mask: Uint8Array;
  lowRes: Float32Array | undefined;
  box: [number, number, number, number];
}

/**
 * Runs detection, segmentation and tracking over frames, yielding one contract frame per input frame.
 * @throws {@link InvalidArgumentError} for `detectEvery`: must be a positive integer
 * @throws {@link InvalidArgumentError} for `iouThreshold`: must be in (0, 1]
 */
export async function* segmentVideo(options: SegmentVideoOptions): AsyncGenerator<MaskFrame, void, undefined> {
  const detectEvery = options.detectEvery ?? 1;
  if (!Number.isInteger(detectEvery) || detectEvery < 1)
    throw new InvalidArgumentError({
      argument: 'detectEvery',
      value: detectEvery,
      message: 'must be a positive integer',
    });
  const iouThreshold = options.iouThreshold ?? 0.5;
  if (!(iouThreshold > 0 && iouThreshold <= 1))
    throw new InvalidArgumentError({ argument: 'iouThreshold', value: iouThreshold, message: 'must be in (0, 1]' });
  const signal = options.signal ? { signal: options.signal } : {};
  let tracked: Tracked[] = [];
  let nextId = 1;
  let position = 0;
  for await (const { frameIndex, image } of options.frames) {
    options.signal?.throwIfAborted();
    const { width, height } = image;
    const embedding = await options.segmenter.doEmbed({ image, ...signal });
    // 1. Carry the tracked objects over (box + previous mask logits).
    let provider: string | undefined;
    if (tracked.length > 0) {
      const result = await options.segmenter.doSegment({
        embedding,
        prompts: tracked.map((t) => ({ box: t.box, maskInput: t.lowRes })),
        ...signal,
      });
      provider = result.provider;
      const carried: Tracked[] = [];
      tracked.forEach((object, k) => {
        const predicted = result.masks[k]!;
        const bounds = maskBounds(predicted.mask, width, height);
        if (bounds) carried.push({ ...object, mask: predicted.mask, lowRes: predicted.lowRes, box: bounds.box });
      });
      tracked = carried;
    }
    // 2. Detect, segment the detections, match them to the carried-over objects.
    const detected = position % detectEvery === 0;
    if (detected) {
      const { detections, provider: detectorProvider } = await options.detector.doDetect({
        image,
        prompt: options.prompt,
        ...signal,
      });
      provider ??= detectorProvider;
      if (detections.length > 0) {
        const result = await options.segmenter.doSegment({
          embedding,
          prompts: detections.map((d) => ({ box: d.box })),
          ...signal,
        });
        const candidates: { iou: number; detection: number; object: number }[] = [];
        result.masks.forEach((predicted, d) => {
          tracked.forEach((object, o) => {
            const iou = maskIou(predicted.mask, object.mask);
            if (iou >= iouThreshold) candidates.push({ iou, detection: d, object: o });
          });
        });
        candidates.sort((a, b) => b.iou - a.iou);
        const usedDetections = new Set<number>(),
          usedObjects = new Set<number>();
        for (const { detection, object } of candidates) {
          if (usedDetections.has(detection) || usedObjects.has(object)) continue;
          usedDetections.add(detection);
          usedObjects.add(object);
          const bounds = maskBounds(result.masks[detection]!.mask, width, height);
          if (!bounds) continue;
          const source = detections[detection]!;
          Object.assign(tracked[object]!, {
            mask: result.masks[detection]!.mask,
            lowRes: result.masks[detection]!.lowRes,
            box: bounds.box,
            boxScore: source.boxScore,
            textScore: source.textScore,
          });
        }
        result.masks.forEach((predicted, d) => {
          if (usedDetections.has(d)) return;
          const bounds = maskBounds(predicted.mask, width, height);
          if (!bounds) return;
          if (nextId > MAX_INSTANCE_ID)
            throw new InvalidArgumentError({
              argument: 'frames',
              value: nextId,
              message: `more than ${MAX_INSTANCE_ID} objects over the video: ids no longer fit an uint16 id map`,
            });
          const source = detections[d]!;
          tracked.push({
            id: nextId++,
            className: source.className,
            boxScore: source.boxScore,
            textScore: source.textScore,
            mask: predicted.mask,
            lowRes: predicted.lowRes,
            box: bounds.box,
          });
        });
      }
    }
    // 3. The frame: id map painted in id order (a later id wins an overlapping pixel).
    tracked.sort((a, b) => a.id - b.id);
    const idMap = new Uint16Array(width * height);
    const instances: MaskInstance[] = [];
    for (const object of tracked) {
      const { mask, id } = object;
      for (let p = 0; p < mask.length; p++) if (mask[p]) idMap[p] = id;
      instances.push({
        instanceId: id,
        box: object.box,
        className: object.className,
        ...(object.boxScore !== undefined ? { boxScore: object.boxScore } : {}),
        ...(object.textScore !== undefined ? { textScore: object.textScore } : {}),
      });
    }
    position++;
    options.onFrame?.({ frameIndex, objects: instances.length, detected, provider });
    yield { frameIndex, width, height, idMap, instances, promptType: 'mask' };
  }
}
