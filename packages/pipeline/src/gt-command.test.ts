// `stkit gt` when the logs of a root fail to read: all of them is an error (exit 2, nothing written), some of them is not.
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from '@stkit/core';
import { hasSharedData, sharedDataPath, skipMessage } from '@stkit/test-data';
import { runGtCommand } from './commands/gt';

const AV2_LOGS = [
  join('sensor', 'val', '7fab2350-7eaf-3b7e-a39d-6937a4c1bede'),
  join('logs', 'adcf7d18-0510-35b0-a2fa-b4cea13a6d76'),
];

/** A copy of the shared Argoverse 2 logs with the annotations of `broken` of them cut in half. */
async function av2Root(broken: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'stkit-gt-cmd-'));
  await cp(sharedDataPath('argoverse2', 'sensor')!, join(root, 'sensor'), { recursive: true });
  await cp(sharedDataPath('argoverse2', 'sensor_dataset_logs')!, join(root, 'logs'), { recursive: true });
  for (const log of AV2_LOGS.slice(0, broken)) {
    const file = join(root, log, 'annotations.feather');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  }
  return root;
}

function io(): { stdout: PassThrough; stderr: NodeJS.WriteStream; text: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (data) => (text += data));
  return { stdout: new PassThrough(), stderr: stderr as unknown as NodeJS.WriteStream, text: () => text };
}

describe.skipIf(!hasSharedData)(
  `stkit gt on a root whose logs fail (${hasSharedData ? 'shared data present' : skipMessage})`,
  () => {
    it('every log failing is a DatasetFormatError naming the root (exit 2), each log reported, nothing written', async () => {
      const root = await av2Root(2);
      const out = join(await mkdtemp(join(tmpdir(), 'stkit-gt-cmd-out-')), 'out');
      const streams = io();
      const run = runGtCommand(['--dataset', 'argoverse2', '--root', root, '--out', out], streams);
      await expect(run).rejects.toSatisfy((error) => DatasetFormatError.isInstance(error));
      await expect(run).rejects.toThrow(
        new RegExp(`^${root}: every argoverse2 log failed to read \\(2 failed; the first: .*annotations\\.feather`),
      );
      // One `skipped:` line per failed log, then the error (printed by the CLI as one line, exit 2).
      expect(
        streams
          .text()
          .split('\n')
          .filter((line) => line.startsWith('skipped: ')),
      ).toHaveLength(2);
      expect(await readdir(out)).toEqual([]);
    });

    it('some logs failing keeps exit 0: the good ones are written, the failed ones counted', async () => {
      const root = await av2Root(1);
      const out = await mkdtemp(join(tmpdir(), 'stkit-gt-cmd-out-'));
      const streams = io();
      expect(await runGtCommand(['--dataset', 'argoverse2', '--root', root, '--out', out], streams)).toBe(0);
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
        counts: { clips: number; failedLogs: number };
      };
      expect(manifest.counts.failedLogs).toBe(1);
      expect(manifest.counts.clips).toBeGreaterThan(0);
    });
  },
);
