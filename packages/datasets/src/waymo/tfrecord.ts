/**
 * TFRecord framing, read byte for byte: each record is
 * `uint64 length | uint32 masked_crc32c(length bytes) | data[length] | uint32 masked_crc32c(data)`,
 * little-endian. Both checksums are verified; a bad one, a truncated record
 * or an implausible length is a {@link TfRecordFormatError} naming the file,
 * the record and its byte offset. Records are read one at a time through
 * positional reads, so a multi-gigabyte segment never sits in memory whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { DatasetFormatError } from '@stkit/core';
import { maskedCrc32c } from './crc32c';

/** Records longer than this are refused as corrupt (the largest Waymo Frame is ~ 50 MB). @default 1 GiB */
export const DEFAULT_MAX_RECORD_BYTES = 1 << 30;

/** A TFRecord framing error: `row` is the 1-based record number, `byteOffset` where the record starts. */
export class TfRecordFormatError extends DatasetFormatError {
  /** Byte offset of the record's header in the file. */
  readonly byteOffset: number;
  constructor(options: { file: string; record: number; byteOffset: number; field: string; reason: string }) {
    super({
      file: options.file,
      row: options.record,
      field: options.field,
      reason: `${options.reason} (record starting at byte offset ${options.byteOffset})`,
    });
    this.byteOffset = options.byteOffset;
  }
}

/** One record: its payload and where it lies in the file. */
export interface TfRecord {
  /** 1-based record number. */
  readonly index: number;
  /** Byte offset of the record header. */
  readonly byteOffset: number;
  /** Byte offset of the payload (`byteOffset + 12`). */
  readonly dataOffset: number;
  /** The payload. */
  readonly data: Uint8Array;
}

/** Options of {@link readTfRecords}. */
export interface ReadTfRecordsOptions {
  /** @default DEFAULT_MAX_RECORD_BYTES */
  maxRecordBytes?: number;
  /** Skip the payload checksum (the length checksum is always checked). @default false */
  skipDataCrc?: boolean;
  signal?: AbortSignal;
}

/**
 * Streams the records of a TFRecord file.
 * @throws {@link DatasetFormatError} on bad input, naming the file: cannot open: …
 */
export async function* readTfRecords(file: string, options: ReadTfRecordsOptions = {}): AsyncGenerator<TfRecord> {
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (cause) {
    throw new DatasetFormatError({ file, reason: `cannot open: ${(cause as Error).message}`, cause });
  }
  try {
    const size = (await handle.stat()).size;
    const header = new Uint8Array(12);
    const view = new DataView(header.buffer);
    const footer = new Uint8Array(4);
    let offset = 0;
    let index = 0;
    while (offset < size) {
      options.signal?.throwIfAborted();
      index++;
      const fail = (field: string, reason: string): never => {
        throw new TfRecordFormatError({ file, record: index, byteOffset: offset, field, reason });
      };
      if (size - offset < 12)
        fail('length', `truncated record header: ${size - offset} of 12 bytes before the end of the file`);
      await readExactly(handle, header, offset);
      if (view.getUint32(8, true) !== maskedCrc32c(header, 0, 8))
        fail('length_crc', 'length checksum mismatch (corrupt or not a TFRecord file)');
      const length = view.getBigUint64(0, true);
      if (length > BigInt(maxBytes)) fail('length', `record length ${length} exceeds the limit of ${maxBytes} bytes`);
      const n = Number(length);
      if (offset + 12 + n + 4 > size)
        fail(
          'data',
          `truncated record: ${n} bytes of data and a 4-byte checksum announced, ${size - offset - 12} bytes left in the file`,
        );
      const data = new Uint8Array(n);
      await readExactly(handle, data, offset + 12);
      await readExactly(handle, footer, offset + 12 + n);
      if (!options.skipDataCrc && new DataView(footer.buffer).getUint32(0, true) !== maskedCrc32c(data))
        fail('data_crc', 'data checksum mismatch (corrupt record)');
      yield { index, byteOffset: offset, dataOffset: offset + 12, data };
      offset += 12 + n + 4;
    }
  } finally {
    await handle.close();
  }
}

async function readExactly(handle: FileHandle, into: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += bytesRead;
  }
}

/**
 * Frames `payloads` as a TFRecord file (used to build test files and by tools).
 * @returns the file's bytes (length, length CRC, payload, payload CRC per record).
 */
export function encodeTfRecords(payloads: readonly Uint8Array[]): Uint8Array {
  const total = payloads.reduce((sum, p) => sum + 16 + p.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const payload of payloads) {
    view.setBigUint64(offset, BigInt(payload.length), true);
    view.setUint32(offset + 8, maskedCrc32c(out, offset, offset + 8), true);
    out.set(payload, offset + 12);
    view.setUint32(offset + 12 + payload.length, maskedCrc32c(payload), true);
    offset += 16 + payload.length;
  }
  return out;
}
