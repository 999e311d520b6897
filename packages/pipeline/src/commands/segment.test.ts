import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readGsam2TrackingFolder } from '@stkit/segment';
import { bertTokenizerJson, TINY_MODELS } from '@stkit/segment/test';
import {
  HEAVY_PROCESS_TIMEOUT_MS,
  hasSharedData,
  PROCESS_TIMEOUT_MS,
  runProcess,
  sharedDataPath,
  skipMessage,
} from '@stkit/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = join(__dirname, '..', 'cli.ts');

async function stkit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=@stkit/source', '--import', 'tsx', cli, ...args],
      { encoding: 'utf8', timeout: HEAVY_PROCESS_TIMEOUT_MS },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-segment-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('stkit segment', { timeout: HEAVY_PROCESS_TIMEOUT_MS }, () => {
  it('--help lists every format; bad arguments exit 2 with a message naming them', async () => {
    const help = await stkit(['segment', '--help']);
    expect(help.code).toBe(0);
    for (const format of ['sa-v', 'gsam2', 'gsam2-json', 'bdd100k', 'multisports'])
      expect(help.stdout).toContain(`  ${format} `);
    const unknown = await stkit(['segment', 'convert', '--from', 'coco', 'x.json', '--out', join(root, 'x')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown format 'coco'; known: sa-v, gsam2, gsam2-json, bdd100k, multisports/);
    const both = await stkit(['segment', '--video', 'a.mp4', '--frames', 'dir', '--out', join(root, 'y')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --video FILE or --frames DIR/);
  });

  it.skipIf(!hasSharedData)(
    `convert --from sa-v writes 121 frames; bdd100k says it writes json_data only ${hasSharedData ? '' : skipMessage}`,
    async () => {
      const out = join(root, 'sav');
      const result = await stkit([
        'segment',
        'convert',
        '--from',
        'sa-v',
        sharedDataPath('sa-v', 'example', 'sav_000001_manual.json')!,
        '--out',
        out,
      ]);
      expect(result.code, result.stderr).toBe(0);
      // 605 masks, of which 125 are empty (the object is not visible in that frame): 480 instances.
      expect(result.stdout).toMatch(/121 frames, 480 instances, 5 tracks/);
      expect(await readdir(join(out, 'mask_data'))).toHaveLength(121);
      const bdd = await stkit([
        'segment',
        'convert',
        '--from',
        'bdd100k',
        sharedDataPath('bdd100k', 'eval', 'testcases', 'box_track', 'track_sample_anns.json')!,
        '--out',
        join(root, 'bdd'),
      ]);
      expect(bdd.code, bdd.stderr).toBe(0);
      expect(bdd.stdout).toMatch(/202 frames, 3241 instances, 144 tracks/);
      expect(bdd.stdout).toMatch(/no masks: wrote json_data only/);
    },
  );

  it('runs detector → SAM 2 → tracker on a video decoded by ffmpeg (tiny graphs, CPU)', async () => {
    const models = join(root, 'models');
    await mkdir(models);
    await writeFile(join(models, 'tokenizer.json'), JSON.stringify(bertTokenizerJson()));
    const video = join(root, 'clip.mp4');
    // 12 frames at 12 fps: 6 black, then 6 white.
    await runProcess(
      'ffmpeg',
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'color=c=black:s=160x120:r=12:d=0.5',
        '-f',
        'lavfi',
        '-i',
        'color=c=white:s=160x120:r=12:d=0.5',
        '-filter_complex',
        '[0][1]concat=n=2:v=1',
        '-pix_fmt',
        'yuv444p',
        '-c:v',
        'libx264',
        '-qp',
        '0',
        video,
      ],
      { timeoutMs: PROCESS_TIMEOUT_MS },
    );
    const out = join(root, 'tracked');
    const result = await stkit([
      'segment',
      '--video',
      video,
      '--prompt',
      'car. person.',
      '--tokenizer',
      join(models, 'tokenizer.json'),
      '--detector',
      TINY_MODELS.detector,
      '--sam-encoder',
      TINY_MODELS.samEncoder,
      '--sam-decoder',
      TINY_MODELS.samDecoder,
      '--out',
      out,
      '--device',
      'cpu',
      '--fps',
      '6',
      '--detect-every',
      '2',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/segment: frame 0: 2 objects \(detector ran\) \[cpu\]/);
    expect(result.stdout).toMatch(/wrote 6 frames/);
    const frames = [];
    for await (const frame of readGsam2TrackingFolder(out)) frames.push(frame);
    // Every 2nd video frame (12 → 6 fps), numbered by the video's frame index.
    expect(frames.map((f) => f.frameIndex)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(frames.map((f) => f.instances.map((i) => i.instanceId).join(','))).toEqual([
      '1,2',
      '1,2',
      '1,2',
      '1,2',
      '1,2,3',
      '1,2,3',
    ]);
  });
});
