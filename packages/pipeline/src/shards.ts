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
 * @param lines - the shard's lines, as strings or already encoded in a {@link ShardBody}.
 * @param inputDigest - digest of the run configuration and the shard's input, for resuming.
 */
export async function writeShard<C>(
  dir: string,
  index: number,
  items: number,
  lines: readonly string[] | ShardBody,
  counts: C,
  inputDigest = '',
): Promise<ShardMeta<C>> {
  const paths = shardPaths(dir, index);
  let body = lines instanceof ShardBody ? lines : undefined;
  const owned = body === undefined;
  if (body === undefined) {
    body = acquireShardBody();
    body.appendAll(lines as readonly string[]);
  }
  try {
    const bytes = body.bytes();
    const meta: ShardMeta<C> = { index, items, lines: body.lines, bytes: bytes.length, inputDigest, counts };
    await writeFileAtomic(paths.meta, `${JSON.stringify(meta)}\n`);
    await writeFileAtomic(paths.shard, bytes);
    return meta;
  } finally {
    if (owned) releaseShardBody(body);
  }
}

/**
 * A shard's lines as UTF-8 bytes, each followed by a newline, encoded into one
 * growing buffer as they come. Encoding a clip's lines at once lets the strings
 * die young instead of being promoted while the shard fills, and a body reused
 * from shard to shard ({@link acquireShardBody}) writes into memory that is
 * already mapped: a fresh 14 MB buffer per shard spent more time in page faults
 * than in encoding.
 */
export class ShardBody {
  #buffer: Buffer;
  #length = 0;
  #lines = 0;

  constructor(capacity = 1 << 20) {
    this.#buffer = Buffer.allocUnsafeSlow(Math.max(capacity, 16));
  }

  /** Lines appended so far. */
  get lines(): number {
    return this.#lines;
  }

  /** Appends one line (a newline is added). */
  append(line: string): void {
    // A UTF-16 unit encodes to at most 3 UTF-8 bytes.
    const worst = this.#length + line.length * 3 + 1;
    if (worst > this.#buffer.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(this.#buffer.length * 2, worst));
      this.#buffer.copy(larger, 0, 0, this.#length);
      this.#buffer = larger;
    }
    this.#length += this.#buffer.write(line, this.#length);
    this.#buffer[this.#length++] = 0x0a;
    this.#lines++;
  }

  /** Appends lines in order. */
  appendAll(lines: readonly string[]): void {
    for (const line of lines) this.append(line);
  }

  /** The bytes so far: a view, valid until the next {@link ShardBody.append} or {@link ShardBody.clear}. */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  /** Empties the body, keeping its memory. */
  clear(): void {
    this.#length = 0;
    this.#lines = 0;
  }
}

// Bodies returned after their shard was written; a process holds at most this many (~one shard each) for reuse.
const idleBodies: ShardBody[] = [];
const MAX_IDLE_BODIES = 2;

/** An empty {@link ShardBody}, reusing one a finished shard gave back. */
export function acquireShardBody(): ShardBody {
  return idleBodies.pop() ?? new ShardBody();
}

/** Gives a body back for reuse once its bytes are written; it must not be used afterwards. */
export function releaseShardBody(body: ShardBody): void {
  body.clear();
  if (idleBodies.length < MAX_IDLE_BODIES && !idleBodies.includes(body)) idleBodies.push(body);
}

/** The UTF-8 bytes of `lines`, each followed by a newline (a buffer of its own). */
export function encodeLines(lines: readonly string[]): Buffer {
  let size = 16;
  for (const line of lines) size += line.length + 1;
  const body = new ShardBody(size);
  body.appendAll(lines);
  return body.bytes();
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
