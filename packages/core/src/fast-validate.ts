/**
 * A hand-written check of the Clip contract for the hot path: it accepts
 * exactly what `ClipSchema` accepts (a test compares the two on thousands of
 * mutated clips) without building a copy, so parsing large clip files does not
 * double their memory. When it rejects, the caller runs the zod schema to get
 * the precise error path.
 */

const TIMESTAMP = /^-?\d+(\.\d+)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberTuple(value: unknown, length: number): boolean {
  if (!Array.isArray(value) || value.length !== length) return false;
  for (let index = 0; index < length; index++) {
    const item = value[index];
    if (typeof item !== 'number' || !Number.isFinite(item)) return false;
  }
  return true;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function optionalTimestamp(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && TIMESTAMP.test(value));
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function positiveInteger(value: unknown): boolean {
  return isFiniteNumber(value) && Number.isInteger(value) && value > 0;
}

function isTrackSample(sample: unknown): boolean {
  if (!isObject(sample)) return false;
  if (!isFiniteNumber(sample.t) || !optionalTimestamp(sample.timestamp) || !isNumberTuple(sample.center, 3))
    return false;
  if (sample.size !== undefined && !isNumberTuple(sample.size, 3)) return false;
  if (sample.rotation !== undefined && !isNumberTuple(sample.rotation, 4)) return false;
  if (sample.box2d !== undefined && !isNumberTuple(sample.box2d, 4)) return false;
  return true;
}

function isCamera(camera: unknown): boolean {
  if (!isObject(camera)) return false;
  const intrinsics = camera.intrinsics;
  if (!isObject(intrinsics)) return false;
  if (!isFiniteNumber(intrinsics.fx) || intrinsics.fx <= 0 || !isFiniteNumber(intrinsics.fy) || intrinsics.fy <= 0)
    return false;
  if (!isFiniteNumber(intrinsics.cx) || !isFiniteNumber(intrinsics.cy)) return false;
  if (!positiveInteger(intrinsics.width) || !positiveInteger(intrinsics.height)) return false;
  if (camera.poses !== undefined) {
    if (!Array.isArray(camera.poses)) return false;
    for (const pose of camera.poses) {
      if (!isObject(pose) || !isNumberTuple(pose.rotation, 4) || !isNumberTuple(pose.translation, 3)) return false;
    }
  }
  return true;
}

/** True when `value` satisfies `ClipSchema` (same verdict as `ClipSchema.safeParse(value).success`). */
export function isValidClip(value: unknown): boolean {
  if (!isObject(value) || !nonEmptyString(value.id)) return false;
  const source = value.source;
  if (!isObject(source) || !nonEmptyString(source.dataset) || !nonEmptyString(source.log)) return false;
  if (!optionalString(source.split) || !optionalString(source.camera)) return false;
  if (
    source.domain !== undefined &&
    source.domain !== 'driving' &&
    source.domain !== 'sports' &&
    source.domain !== 'general'
  )
    return false;
  const up = value.up;
  if (!isNumberTuple(up, 3)) return false;
  const [x, y, z] = up as number[];
  if (!(Math.hypot(x!, y!, z!) > 1e-9)) return false;
  const frames = value.frames;
  if (!Array.isArray(frames) || frames.length < 1 || frames.length > 40) return false;
  for (const frame of frames) {
    if (
      !isObject(frame) ||
      !isFiniteNumber(frame.t) ||
      frame.t < 0 ||
      !optionalTimestamp(frame.timestamp) ||
      !optionalString(frame.image)
    )
      return false;
  }
  if (value.camera !== undefined && !isCamera(value.camera)) return false;
  const tracks = value.tracks;
  if (!Array.isArray(tracks)) return false;
  for (const track of tracks) {
    if (
      !isObject(track) ||
      !nonEmptyString(track.id) ||
      !nonEmptyString(track.category) ||
      !Array.isArray(track.samples)
    )
      return false;
    const samples = track.samples;
    for (let index = 0; index < samples.length; index++) if (!isTrackSample(samples[index])) return false;
  }
  return true;
}
