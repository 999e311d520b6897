/**
 * Resumable output shards. Items (clips) are grouped into shards of a fixed
 * size in input order, so shard boundaries depend only on the input; each
 * shard is written atomically with a small metadata sidecar. On a rerun with
 * the same arguments, complete shards are kept and skipped, and the output is
 * byte-identical to an uninterrupted run.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

/**
 * Name of shard `index` with a fixed width: `part-00003.jsonl`.
 * @returns the file name (no folder).
 */
export function shardFileName(index: number): string {
  return `part-${String(index).padStart(5, '0')}.jsonl`;
}

/** Counts stored beside a shard, so a resumed run can rebuild the manifest without re-reading the shard. */
export interface ShardMeta<C> {
  /** Shard index. */
  index: number;
  /** Number of input items in the shard. */
  items: number;
  /** Lines written to the shard. */
  lines: number;
  /** Byte length of the shard file, to detect a truncated or foreign file. */
  bytes: number;
  /**
   * Digest of what produced the shard: the run's configuration (seed,
   * options, package versions) and the shard's input items. A rerun keeps the
   * shard only when its own digest is the same, so changing a seed, a
   * threshold or an input line never leaves stale output behind.
   */
  inputDigest: string;
  /** Stage-specific counts. */
  counts: C;
}

/** Paths of a shard and its sidecar in `dir`. */
export function shardPaths(dir: string, index: number): { shard: string; meta: string } {
  const name = shardFileName(index);
  return { shard: join(dir, name), meta: join(dir, `.${name}.meta.json`) };
}

/**
 * Incremental digest of a shard's inputs: `createShardDigest(config)`, then
 * `update(text)` per item, then `digest()`. An item given as bytes must be
 * the UTF-8 encoding of its text (same digest).
 */
export function createShardDigest(config: string): { update(text: string | Buffer): void; digest(): string } {
  const hash = createHash('sha1').update(config).update('\n');
  return {
    update(text) {
      hash.update(text).update('\n');
    },
    digest: () => hash.digest('hex'),
  };
}

/**
 * Reads a complete shard's metadata, or undefined when the shard must be (re)computed.
 * @param dir - the output folder of the shards (e.g. `OUT/samples`).
 * @param index - shard index.
 */
export async function readCompleteShard<C>(dir: string, index: number): Promise<ShardMeta<C> | undefined> {
  const paths = shardPaths(dir, index);
  try {
    const meta = JSON.parse(await readFile(paths.meta, 'utf8')) as ShardMeta<C>;
    const info = await stat(paths.shard);
    return info.size === meta.bytes && meta.index === index ? meta : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a shard's lines and its sidecar atomically (sidecar first; the shard's rename completes it).
 * @param dir - the output folder of the shards.
 * @param index - shard index (names the file, see {@link shardFileName}).
 * @param items - number of input items (clips) of the shard.
 * @param inputDigest - digest of the run configuration and the shard's input, for resuming.
 */
export async function writeShard<C>(
  dir: string,
  index: number,
  items: number,
  lines: readonly string[],
  counts: C,
  inputDigest = '',
): Promise<ShardMeta<C>> {
  const paths = shardPaths(dir, index);
  const body = encodeLines(lines);
  const meta: ShardMeta<C> = { index, items, lines: lines.length, bytes: body.length, inputDigest, counts };
  await writeFileAtomic(paths.meta, `${JSON.stringify(meta)}\n`);
  await writeFileAtomic(paths.shard, body);
  return meta;
}

/**
 * The UTF-8 bytes of `lines`, each followed by a newline, encoded straight
 * into one buffer: joining a shard's lines into one string and encoding that
 * again took ~10× longer (tens of ms per 13 MB shard, measured in BENCHMARKS.md).
 */
export function encodeLines(lines: readonly string[]): Buffer {
  // A UTF-16 unit encodes to at most 3 UTF-8 bytes. The first guess fits ASCII lines (the common case) with
  // room for the worst case of the longest line, so only non-ASCII text ever grows the buffer.
  let size = 0;
  let longest = 0;
  for (const line of lines) {
    size += line.length + 1;
    if (line.length > longest) longest = line.length;
  }
  let buffer = Buffer.allocUnsafe(size + 2 * longest);
  let offset = 0;
  for (const line of lines) {
    if (offset + line.length * 3 + 1 > buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, offset + line.length * 3 + 1));
      buffer.copy(larger, 0, 0, offset);
      buffer = larger;
    }
    offset += buffer.write(line, offset);
    buffer[offset++] = 0x0a;
  }
  return buffer.subarray(0, offset);
}

/**
 * Removes temporary files a killed run left in `dir` (`.<name>.<pid>.<n>.tmp`,
 * never a complete shard), so a resumed run starts from a clean folder.
 * Returns how many were removed.
 */
export async function removeStaleTemporaryFiles(dir: string): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name.startsWith('.') && name.endsWith('.tmp')) {
      await rm(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Matches a shard file or its sidecar and captures the index. */
const SHARD_NAME = /^\.?part-(\d{5,})\.jsonl(?:\.meta\.json)?$/;

/**
 * Removes the shards (and sidecars) with an index of `count` or more: an
 * earlier run over a longer input left them, and the folder must hold
 * exactly the shards its manifest counts. Returns how many files were removed.
 */
export async function removeShardsFrom(dir: string, count: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = SHARD_NAME.exec(name);
    if (match === null || Number(match[1]) < count) continue;
    await rm(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
