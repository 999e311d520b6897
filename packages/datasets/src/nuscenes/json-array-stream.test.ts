import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFormatError, createRandom } from '@stkit/core';
import { streamJsonArray } from './json-array-stream';
import { booleanAt, finiteArrayAt, numberAt, parseNumberSpan, stringAt, type FieldContext } from './json-values';
import { createTokenTable } from './token-table';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stkit-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keys = ['token', 'v', 'xs', 'flag', 'name'];

async function readAll(text: string, chunkSize?: number): Promise<unknown[]> {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, text);
  const context: FieldContext = { file, keys };
  const out: unknown[] = [];
  await streamJsonArray({
    file,
    keys,
    chunkSize,
    onRecord: (record) => {
      const xs = new Float64Array(3);
      if (record.kind[2] === 6) finiteArrayAt(context, record, 2, 3, xs);
      out.push({
        token: stringAt(context, record, 0),
        v: record.kind[1] ? numberAt(context, record, 1) : undefined,
        xs: record.kind[2] ? [...xs] : undefined,
        flag: record.kind[3] ? booleanAt(context, record, 3) : undefined,
        name: record.kind[4] ? stringAt(context, record, 4) : undefined,
        row: record.row,
        byteOffset: record.byteOffset,
      });
    },
  });
  return out;
}

const sample = [
  {
    token: 'a1',
    v: 1532402927647951,
    xs: [1.5, -2e-3, 3],
    flag: true,
    name: 'caf\u00e9 \u201cq\u201d',
    other: { nested: [1, [2, '}]']] },
  },
  { token: 'b\\"2', v: -0.1, xs: [0, 0, 0], flag: false, name: 'tab\there', other: null },
  // biome-ignore lint/correctness/noPrecisionLoss: the test feeds a number beyond 2^53 on purpose.
  { token: 'c3', v: 12345678901234567, extra: [] },
];

describe('streamJsonArray', () => {
  it('yields the records JSON.parse sees, whatever the chunk size', async () => {
    const text = JSON.stringify(sample, null, 2);
    // Independent reference: JSON.parse of the whole (small) file.
    const expected = (JSON.parse(text) as Array<Record<string, unknown>>).map((r, i) => ({
      token: r.token,
      v: r.v,
      xs: r.xs,
      flag: r.flag,
      name: r.name,
      row: i + 1,
      // The record's '{' is the last one before its "token" key; offsets are in bytes (UTF-8).
      byteOffset: Buffer.byteLength(
        text.slice(0, text.lastIndexOf('{', text.indexOf(`"token": ${JSON.stringify(r.token)}`))),
      ),
    }));
    for (const chunk of [1, 2, 7, 64, 1 << 20]) expect(await readAll(text, chunk)).toEqual(expected);
  });

  it('reads an empty array and rejects trailing garbage, missing brackets and empty files', async () => {
    expect(await readAll(' [ ] \n')).toEqual([]);
    await expect(readAll('[{"token":"a"}] x')).rejects.toThrow(
      /unexpected 'x' after the end of the array \(byte offset 16\)/,
    );
    await expect(readAll('[{"token":"a"},')).rejects.toThrow(/file ends after record 1 without closing/);
    await expect(readAll('{"token":"a"}')).rejects.toThrow(
      /expected '\[' at the start of the table, found '\{' \(byte offset 0\)/,
    );
    await expect(readAll('')).rejects.toThrow(/empty file/);
    await expect(readAll('[{"token":"a", "xs": [1, 2}]')).rejects.toThrow(/mismatched '\}'/);
    await expect(readAll('[{"token":"a", "v": tru}]')).rejects.toThrow(/invalid value starting with 't'/);
  });

  it('names file, row and field of a bad value', async () => {
    const error = await readAll('[{"token":"a","v":1},\n{"token":"b","v":1.2.3}]').catch((e: unknown) => e);
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect((error as DatasetFormatError).row).toBe(2);
    expect((error as DatasetFormatError).field).toBe('v');
    expect((error as DatasetFormatError).reason).toMatch(/^malformed number '1.2.3' \(record at byte offset 22\)/);
  });
});

describe('createTokenTable', () => {
  it('interns bytes to dense ids, finds them back and tracks definitions', () => {
    const table = createTokenTable(2);
    const tokens = Array.from({ length: 5000 }, (_, i) => `${i.toString(16).padStart(32, '0')}`);
    const bytes = Buffer.from(tokens.join(''));
    tokens.forEach((_, i) => expect(table.intern(bytes, i * 32, i * 32 + 32)).toBe(i));
    expect(table.size).toBe(5000);
    expect(table.intern(bytes, 32 * 4999, 32 * 5000)).toBe(4999);
    expect(table.findString(tokens[1234]!)).toBe(1234);
    expect(table.findString('g'.repeat(32))).toBe(-1);
    expect(table.token(4321)).toBe(tokens[4321]);
    expect(table.define(7, 3)).toBe(0);
    expect(table.define(7, 9)).toBe(3);
    expect([table.definedAt(7), table.definedAt(8)]).toEqual([3, 0]);
  });
});

describe('parseNumberSpan', () => {
  it("gives the same double as V8's Number() on 60 000 decimal strings, and rejects what JSON rejects", () => {
    const random = createRandom(7);
    const cases = [
      '0',
      '-0',
      '0.001',
      '373.256',
      '1532402927647951',
      '0.33444195227474766',
      '-0.18301629506281616',
      '1e5',
      '1E-7',
      '-2.5e+3',
      '123456789012345678',
      '9007199254740993',
      '1266.417203046554',
    ];
    for (let i = 0; i < 20_000; i++) {
      const integer = String(Math.floor(random.next() * 10 ** random.int(16)));
      const fraction = String(Math.floor(random.next() * 1e12))
        .padStart(12, '0')
        .slice(0, 1 + random.int(12));
      cases.push(
        `${random.next() < 0.5 ? '-' : ''}${integer}.${fraction}`,
        String(random.next() * 2000 - 1000),
        String(random.next()),
      );
    }
    for (const text of cases) {
      const bytes = Buffer.from(text);
      expect(Object.is(parseNumberSpan(bytes, 0, bytes.length), Number(text)), text).toBe(true);
    }
    for (const text of ['01', '1.', '.5', '0x10', '1e', '-', '1.2.3', '--1', '1e+', '-NaN', 'Inf']) {
      const bytes = Buffer.from(text);
      expect(parseNumberSpan(bytes, 0, bytes.length), text).toBeUndefined();
    }
  });
});
