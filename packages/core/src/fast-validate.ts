/**
 * Hand-written checks of the Clip and Sample contracts for the hot path: they
 * accept exactly what `ClipSchema` and `SampleSchema` accept (tests compare
 * each with its schema on thousands of mutated values) without building a
 * copy, so parsing large clip files does not double their memory and checking
 * every generated sample allocates nothing (zod's copy of each sample was as
 * much garbage as parsing the clips). When a check rejects, the caller runs
 * the zod schema to get the precise error path.
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

function isSource(source: unknown): boolean {
  if (!isObject(source) || !nonEmptyString(source.dataset) || !nonEmptyString(source.log)) return false;
  if (!optionalString(source.split) || !optionalString(source.camera)) return false;
  return (
    source.domain === undefined ||
    source.domain === 'driving' ||
    source.domain === 'sports' ||
    source.domain === 'general'
  );
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
  if (!isObject(value) || !nonEmptyString(value.id) || !isSource(value.source)) return false;
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

// Indexed loops, not for-of: a sample's arrays are frozen (shared by the clip's samples), and iterating a frozen
// array with for-of allocated an iterator result per item (~30 KB per clip).
function isFiniteArray(value: unknown, min: number): boolean {
  if (!Array.isArray(value) || value.length < min) return false;
  for (let index = 0; index < value.length; index++) if (!isFiniteNumber(value[index])) return false;
  return true;
}

function isStringArray(value: unknown, test: (item: string) => boolean = () => true): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item !== 'string' || !test(item)) return false;
  }
  return true;
}

function isTurn(value: unknown, from: 'human' | 'gpt'): boolean {
  return isObject(value) && value.from === from && typeof value.value === 'string';
}

function isClock(value: unknown): boolean {
  return isFiniteNumber(value) && Number.isInteger(value) && value >= 1 && value <= 12;
}

function isPolarity(value: unknown): boolean {
  return value === 'positive' || value === 'negative';
}

function isInterval(label: Record<string, unknown>): boolean {
  return isFiniteNumber(label.start) && isFiniteNumber(label.end);
}

function isLabel(task: unknown, label: unknown): boolean {
  if (!isObject(label)) return false;
  switch (task) {
    case 'traveled_distance':
      return isInterval(label) && isFiniteNumber(label.meters) && label.meters >= 0;
    case 'traveling_speed':
      return isInterval(label) && isFiniteNumber(label.metersPerSecond) && label.metersPerSecond >= 0;
    case 'movement_direction':
      return isClock(label.clock);
    case 'direction_timestamp':
      return isClock(label.clock) && isInterval(label);
    case 'traveled_distance_comparison':
    case 'traveling_speed_comparison': {
      if (!isPolarity(label.polarity) || typeof label.answerTrackId !== 'string' || !isObject(label.values))
        return false;
      for (const key in label.values) if (!isFiniteNumber(label.values[key])) return false;
      return true;
    }
    case 'movement_direction_comparison':
      return isPolarity(label.polarity) && typeof label.same === 'boolean';
    default:
      return false;
  }
}

/** True when `value` satisfies `SampleSchema` (same verdict as `SampleSchema.safeParse(value).success`). */
export function isValidSample(value: unknown): boolean {
  if (!isObject(value) || !nonEmptyString(value.id) || !nonEmptyString(value.clipId) || !isSource(value.source))
    return false;
  if (!isFiniteArray(value.frameTimes, 1)) return false;
  if (value.frameTimestamps !== undefined && !isStringArray(value.frameTimestamps, (item) => TIMESTAMP.test(item)))
    return false;
  const objects = value.objects;
  if (!Array.isArray(objects) || objects.length < 1 || objects.length > 2) return false;
  for (let index = 0; index < objects.length; index++) {
    const object: unknown = objects[index];
    if (
      !isObject(object) ||
      typeof object.trackId !== 'string' ||
      typeof object.category !== 'string' ||
      typeof object.color !== 'string'
    )
      return false;
  }
  const conversations = value.conversations;
  if (
    !Array.isArray(conversations) ||
    conversations.length !== 2 ||
    !isTurn(conversations[0], 'human') ||
    !isTurn(conversations[1], 'gpt')
  )
    return false;
  if (!optionalString(value.video)) return false;
  if (value.frames !== undefined && !isStringArray(value.frames)) return false;
  if (value.visualPrompt !== undefined && value.visualPrompt !== false) return false;
  if (value.tags !== undefined) {
    if (!isObject(value.tags)) return false;
    for (const key in value.tags) {
      const tag = value.tags[key];
      if (typeof tag !== 'string' && typeof tag !== 'boolean' && !isFiniteNumber(tag)) return false;
    }
  }
  return isLabel(value.task, value.label);
}
