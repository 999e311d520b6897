/**
 * Frames for the VLM as `image_url` parts: files and buffers become base64
 * data URLs (MIME type from the magic bytes), `data:` and `http(s):` URLs
 * pass through. Also gives each frame a content hash for the verdict cache.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DatasetFormatError, InvalidArgumentError, sniffImageType } from '@stkit/core';

/** A frame: a file path, a `data:`/`http(s):` URL, raw encoded bytes, or bytes with an explicit MIME type. */
export type ImageInput = string | Uint8Array | { data: Uint8Array; mimeType: string };

/** A frame ready to send. */
export interface PreparedImage {
  /** The URL of the `image_url` part. */
  url: string;
  /** SHA-256 of the image bytes (or of the URL for remote images). */
  hash: string;
}

// Image type sniffing is core's (one home for every package); re-exported for this package's users.
export { sniffImageType };

function fromBytes(bytes: Uint8Array, mimeType: string | undefined, where: string): PreparedImage {
  const type = mimeType ?? sniffImageType(bytes);
  if (!type)
    throw new DatasetFormatError({
      file: where,
      reason: 'not a JPEG, PNG, WebP or GIF image (unrecognised magic bytes)',
    });
  return {
    url: `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`,
    hash: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Reads and encodes one frame. `index` names it in errors.
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot read frame …: …
 * @throws {@link InvalidArgumentError} for `frames[…]`: must be a path, a data/http(s) URL, a Uint8Array or { data, mimeType }
 */
export async function prepareImage(input: ImageInput, index: number, signal?: AbortSignal): Promise<PreparedImage> {
  if (typeof input === 'string') {
    if (/^(data|https?):/i.test(input)) return { url: input, hash: createHash('sha256').update(input).digest('hex') };
    let bytes: Buffer;
    try {
      bytes = await readFile(input, { signal });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new DatasetFormatError({
        file: input,
        reason: `cannot read frame ${index}: ${(cause as Error).message}`,
        cause,
      });
    }
    return fromBytes(bytes, undefined, input);
  }
  if (input instanceof Uint8Array) return fromBytes(input, undefined, `<frames[${index}]>`);
  if (input && input.data instanceof Uint8Array && typeof input.mimeType === 'string')
    return fromBytes(input.data, input.mimeType, `<frames[${index}]>`);
  throw new InvalidArgumentError({
    argument: `frames[${index}]`,
    message: 'must be a path, a data/http(s) URL, a Uint8Array or { data, mimeType }',
  });
}
