/** Opening the BullMQ queue on a Redis URL (bullmq is loaded only here, on first use). */
import type { Queue } from 'bullmq';
import { InvalidArgumentError } from '@stkit/core';
import { QUEUE_NAME } from './run';

/** Checks a Redis URL (`redis://[user:password@]host[:port][/db]` or `rediss://…`). */
export function parseRedisUrl(url: string | undefined): string {
  if (url === undefined || url === '')
    throw new InvalidArgumentError({ argument: '--redis', message: 'is required (e.g. redis://localhost:6379)' });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError({
      argument: '--redis',
      value: url,
      message: 'is not a URL (expected redis://host:port)',
    });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InvalidArgumentError({
      argument: '--redis',
      value: url,
      message: `expected a redis:// or rediss:// URL, got '${parsed.protocol}'`,
    });
  }
  return url;
}

/** BullMQ connection options for `url`: fail fast when the server is not there instead of retrying forever. */
export function connectionOf(url: string): { url: string; maxRetriesPerRequest: null; connectTimeout: number } {
  return { url: parseRedisUrl(url), maxRetriesPerRequest: null, connectTimeout: 10_000 };
}

/** Opens an STKit queue (the CPU one by default) and checks that the server answers. */
export async function openQueue(url: string, name = QUEUE_NAME): Promise<Queue> {
  const { Queue } = await import('bullmq');
  const queue = new Queue(name, { connection: connectionOf(url) });
  queue.on('error', () => {});
  try {
    await Promise.race([
      queue.waitUntilReady(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref()),
    ]);
  } catch (error) {
    await queue.close().catch(() => {});
    throw new InvalidArgumentError({
      argument: '--redis',
      value: url,
      message: `cannot reach the Redis server at ${redacted(url)}: ${(error as Error).message}`,
    });
  }
  return queue;
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
