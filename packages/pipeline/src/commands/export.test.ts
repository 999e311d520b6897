/**
 * `stkit export` on real frame images written by ffmpeg: LLaVA and ShareGPT
 * records whose every media path exists from the output file's folder, and
 * videos encoded with the system ffmpeg checked with ffprobe.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendLoadError, DatasetFormatError, parseSample, type Sample } from '@stkit/core';
import { PROCESS_TIMEOUT_MS, runProcess } from '@stkit/test-data';
import { exportTrainingRecords, frameDurations } from './export';

let root: string;

function sample(
  id: string,
  frames: string[],
  task: 'movement_direction' | 'traveled_distance' = 'movement_direction',
): Sample {
  return parseSample({
    id,
    task,
    clipId: 'clip-1',
    source: { dataset: 'nuscenes', log: 'scene-0001', split: 'val' },
    frameTimes: [0, 0.5, 1],
    objects: [{ trackId: 't1', category: 'car', color: 'red' }],
    label: task === 'movement_direction' ? { clock: 3 } : { start: 0, end: 1, meters: 5 },
    conversations: [
      {
        from: 'human',
        value:
          '<video>\nThe video lasts for 1.50 seconds. In which direction does the object move at the end of the video?',
      },
      { from: 'gpt', value: "The object moves in the direction of 3 o'clock at the end of the video." },
    ],
    frames,
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stkit-export-'));
  await mkdir(join(root, 'out', 'frames', 'clip-1'), { recursive: true });
  await mkdir(join(root, 'out', 'samples'), { recursive: true });
  // Three real 63×47 PNG frames (odd size: the encoder pads to even).
  await runProcess(
    'ffmpeg',
    [
      '-nostdin',
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=63x47:rate=1',
      '-frames:v',
      '3',
      join(root, 'out', 'frames', 'clip-1', 'f%02d.png'),
    ],
    { timeoutMs: PROCESS_TIMEOUT_MS },
  );
  const frames = ['frames/clip-1/f01.png', 'frames/clip-1/f02.png', 'frames/clip-1/f03.png'];
  await writeFile(
    join(root, 'out', 'samples', 'part-0.jsonl'),
    `${[sample('a', frames), sample('b', frames, 'traveled_distance')].map((s) => JSON.stringify(s)).join('\n')}\n`,
  );
}, PROCESS_TIMEOUT_MS);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('stkit export', () => {
  it('llava with frames: a JSON array, one <image> per frame, paths relative to the output file that exist', async () => {
    const out = join(root, 'train', 'llava.json');
    const result = await exportTrainingRecords({ format: 'llava', samples: join(root, 'out', 'samples'), out });
    expect(result).toMatchObject({ records: 2, videos: 0 });
    const records = JSON.parse(await readFile(out, 'utf8')) as {
      id: string;
      image: string[];
      conversations: { from: string; value: string }[];
    }[];
    expect(records.map((record) => record.id)).toEqual(['a', 'b']);
    expect(records[0]!.image).toEqual([
      '../out/frames/clip-1/f01.png',
      '../out/frames/clip-1/f02.png',
      '../out/frames/clip-1/f03.png',
    ]);
    for (const record of records) {
      for (const image of record.image) expect(existsSync(resolve(dirname(out), image))).toBe(true);
      expect(record.conversations[0]!.value.match(/<image>/g)).toHaveLength(3);
      expect(record.conversations[0]!.value).not.toContain('<video>');
    }
  });

  it(
    'sharegpt with --media video: one MP4 per distinct frame list, timed by the frame times (ffprobe)',
    async () => {
      const out = join(root, 'train', 'sharegpt.jsonl');
      const result = await exportTrainingRecords({
        format: 'sharegpt',
        samples: join(root, 'out', 'samples', 'part-0.jsonl'),
        out,
        media: 'video',
      });
      expect(result).toMatchObject({ records: 2, videos: 1 });
      const records = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { messages: { role: string; content: string }[]; videos: string[] });
      expect(records[0]!.videos).toEqual(records[1]!.videos);
      expect(records[0]!.messages[0]!.content.startsWith('<video>The video lasts')).toBe(true);
      expect(records[0]!.messages[1]!.role).toBe('assistant');
      const video = resolve(dirname(out), records[0]!.videos[0]!);
      expect(existsSync(video)).toBe(true);
      const { stdout } = await runProcess(
        'ffprobe',
        [
          '-v',
          'error',
          '-count_frames',
          '-select_streams',
          'v:0',
          '-show_entries',
          'stream=nb_read_frames,width,height,codec_name:format=duration',
          '-of',
          'json',
          video,
        ],
        { timeoutMs: PROCESS_TIMEOUT_MS },
      );
      const probe = JSON.parse(stdout) as {
        streams: { nb_read_frames: string; width: number; height: number; codec_name: string }[];
        format: { duration: string };
      };
      expect(probe.streams[0]).toMatchObject({ nb_read_frames: '3', width: 64, height: 48, codec_name: 'h264' });
      expect(Number(probe.format.duration)).toBeCloseTo(1.5, 1);
      // LLaVA video records point to the same file.
      const llava = join(root, 'train', 'llava-video.json');
      await exportTrainingRecords({ format: 'llava', samples: join(root, 'out'), out: llava, media: 'video' });
      const [record] = JSON.parse(await readFile(llava, 'utf8')) as {
        video: string;
        conversations: { value: string }[];
      }[];
      expect(existsSync(resolve(dirname(llava), record!.video))).toBe(true);
      expect(record!.conversations[0]!.value.startsWith('<video>\n')).toBe(true);
    },
    PROCESS_TIMEOUT_MS * 3,
  );

  it('a missing frame is a DatasetFormatError naming it, and nothing is written', async () => {
    const bad = join(root, 'bad', 'samples');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'part-0.jsonl'), `${JSON.stringify(sample('c', ['frames/clip-1/missing.png']))}\n`);
    const out = join(root, 'bad-out', 'x.json');
    const error = await exportTrainingRecords({ format: 'llava', samples: bad, out }).catch(
      (thrown: unknown) => thrown,
    );
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('missing.png');
    expect(existsSync(out)).toBe(false);
  });

  it('a bad sample line names the file and line', async () => {
    const bad = join(root, 'bad2');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'x.jsonl'), `${JSON.stringify(sample('d', ['frames/clip-1/f01.png']))}\n{"id": "e"}\n`);
    const error = await exportTrainingRecords({
      format: 'sharegpt',
      samples: bad,
      out: join(root, 'bad2-out.jsonl'),
    }).catch((thrown: unknown) => thrown);
    expect(DatasetFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/x\.jsonl.*2/s);
  });

  it('without ffmpeg, --media video is a BackendLoadError naming the package', async () => {
    const error = await exportTrainingRecords({
      format: 'llava',
      samples: join(root, 'out'),
      out: join(root, 'nf', 'x.json'),
      media: 'video',
      ffmpeg: join(root, 'no-ffmpeg'),
    }).catch((thrown: unknown) => thrown);
    expect(BackendLoadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('apt-get install ffmpeg');
    expect(existsSync(join(root, 'nf', 'x.json'))).toBe(false);
  });

  it('frame durations follow the frame times; the last frame gets the median gap', () => {
    expect(frameDurations([0, 0.5, 1, 2])).toEqual([0.5, 0.5, 1, 0.5]);
    expect(frameDurations([3])).toEqual([0.5]);
  });
});
