/**
 * Bad input: corrupt copies of the real log in a temp dir (the shared data is
 * never modified). Each broken log yields one `{kind: 'error'}` naming file,
 * record and field, and reading goes on with the intact log beside it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableFromIPC, tableToIPC, compressionRegistry, CompressionType } from 'apache-arrow';
import * as lz4 from 'lz4js';
import { DatasetFormatError } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { readArgoverse2Clips } from './argoverse2-reader';

const LOG = '7fab2350-7eaf-3b7e-a39d-6937a4c1bede';
const source = sharedDataPath('argoverse2', 'sensor', 'val', LOG) ?? '';
const temp = mkdtempSync(join(tmpdir(), 'stkit-av2-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let counter = 0;
/** A fresh root with the intact log `good` and a copy `bad` (same content) to break. */
function makeRoot(): { root: string; bad: string } {
  const root = join(temp, `root${counter++}`, 'val');
  for (const name of ['a-good', 'b-bad']) {
    cpSync(join(source, 'annotations.feather'), join(root, name, 'annotations.feather'));
    cpSync(join(source, 'city_SE3_egovehicle.feather'), join(root, name, 'city_SE3_egovehicle.feather'));
    cpSync(join(source, 'calibration'), join(root, name, 'calibration'), { recursive: true });
  }
  return { root, bad: join(root, 'b-bad') };
}

/** Rewrites a feather file (uncompressed Arrow IPC file) after `edit` changed its columns. */
function rewrite(file: string, edit: (columns: Record<string, unknown[]>) => void): void {
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (b: Uint8Array) => lz4.decompress(b) });
  const table = tableFromIPC(readFileSync(file));
  const columns: Record<string, unknown[]> = {};
  for (const field of table.schema.fields) columns[field.name] = [...table.getChild(field.name)!];
  edit(columns);
  const typed: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(columns)) {
    typed[name] =
      typeof values[0] === 'bigint'
        ? BigInt64Array.from(values as bigint[])
        : typeof values[0] === 'number'
          ? Float64Array.from(values as number[])
          : values;
  }
  writeFileSync(file, tableToIPC(tableFromArrays(typed as Record<string, Float64Array>), 'file'));
}

async function run(root: string) {
  const clips: string[] = [];
  const errors: DatasetFormatError[] = [];
  for await (const event of readArgoverse2Clips({ root })) {
    if (event.kind === 'clip') clips.push(event.clip.source.log);
    else errors.push(event.error);
  }
  return { clips, errors };
}

describe.skipIf(!hasSharedData)(
  hasSharedData ? 'Argoverse 2 bad input' : `Argoverse 2 bad input: skipped, ${skipMessage}`,
  () => {
    it('a truncated feather file', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'annotations.feather');
      const bytes = readFileSync(file);
      writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors).toHaveLength(1);
      expect(DatasetFormatError.isInstance(errors[0])).toBe(true);
      expect(errors[0]!.file).toBe(file);
    });

    it('a broken LZ4 body buffer', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'city_SE3_egovehicle.feather');
      const bytes = Buffer.from(readFileSync(file));
      const at = bytes.indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18])); // first LZ4 frame magic
      expect(at).toBeGreaterThan(0);
      bytes.writeUInt32LE(0x7fffff00, at + 7); // first block claims ~2 GB
      writeFileSync(file, bytes);
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors[0]!.file).toBe(file);
      expect(errors[0]!.message).toMatch(/LZ4/);
    });

    it('a NaN coordinate names file, row and field', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'annotations.feather');
      rewrite(file, (c) => (c.tx_m![5] = Number.NaN));
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors[0]).toMatchObject({ file, row: 6, field: 'tx_m' });
    });

    it('an infinite ego translation', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'city_SE3_egovehicle.feather');
      rewrite(file, (c) => (c.ty_m![10] = Number.POSITIVE_INFINITY));
      const { errors } = await run(root);
      expect(errors[0]).toMatchObject({ file, row: 11, field: 'ty_m' });
    });

    it('non-monotonic ego timestamps', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'city_SE3_egovehicle.feather');
      rewrite(file, (c) => {
        const ts = c.timestamp_ns!;
        [ts[99], ts[100]] = [ts[100], ts[99]];
      });
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors[0]).toMatchObject({ file, row: 101, field: 'timestamp_ns' });
    });

    it('a missing ego pose', async () => {
      const { root, bad } = makeRoot();
      const annotations = join(bad, 'annotations.feather');
      const file = join(bad, 'city_SE3_egovehicle.feather');
      // Drop every ego pose within ±0.3 s of the log's 50th sweep (the gap, 0.6 s, exceeds the 0.2 s interpolation limit).
      compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: (b: Uint8Array) => lz4.decompress(b) });
      const sweeps = [
        ...new Set([...tableFromIPC(readFileSync(annotations)).getChild('timestamp_ns')!] as bigint[]),
      ].sort((a, b) => (a < b ? -1 : 1));
      const target = sweeps[49]!;
      rewrite(file, (c) => {
        const keep = c.timestamp_ns!.map(
          (t) => ((t as bigint) > target ? (t as bigint) - target : target - (t as bigint)) > 300_000_000n,
        );
        for (const name of Object.keys(c)) c[name] = c[name]!.filter((_, i) => keep[i]);
      });
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors[0]).toMatchObject({ file: annotations, field: 'timestamp_ns' });
      expect(errors[0]!.message).toMatch(/missing ego pose/);
      const reported = BigInt(/at or around (\d+) ns/.exec(errors[0]!.message)![1]!);
      expect(reported > target ? reported - target : target - reported).toBeLessThanOrEqual(300_000_000n);
    });

    it('non-monotonic annotation timestamps', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'annotations.feather');
      rewrite(file, (c) => {
        const ts = c.timestamp_ns!;
        ts[7000] = ts[0];
      });
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors[0]).toMatchObject({ file, row: 7001, field: 'timestamp_ns' });
    });

    it('two cuboids of one track in one sweep', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'annotations.feather');
      let duplicate = -1;
      rewrite(file, (c) => {
        // The first pair of neighbouring rows ≥ 5000 in the same sweep: row i + 1 gets row i's track_uuid,
        // so that track has two boxes at one timestamp (AV2 has one cuboid per track and sweep).
        const ts = c.timestamp_ns!,
          ids = c.track_uuid!;
        duplicate = ts.findIndex((t, i) => i >= 5000 && t === ts[i + 1]) + 1;
        ids[duplicate] = ids[duplicate - 1];
      });
      const { clips, errors } = await run(root);
      expect(clips).toEqual(['a-good']);
      expect(errors).toHaveLength(1);
      // 0-based index `duplicate` is 1-based row duplicate + 1.
      expect(errors[0]).toMatchObject({ file, row: duplicate + 1, field: 'track_uuid' });
    });

    it('a missing column', async () => {
      const { root, bad } = makeRoot();
      const file = join(bad, 'annotations.feather');
      rewrite(file, (c) => delete c.qw);
      const { errors } = await run(root);
      expect(errors[0]).toMatchObject({ file, field: 'qw' });
    });
  },
);
