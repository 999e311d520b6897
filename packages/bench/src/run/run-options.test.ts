/**
 * `--limit`, `--dry-run`, `--blind` and frames decoded from a video with the
 * system ffmpeg, against a real chat-completions server on a loopback port.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { BackendLoadError, type Sample } from '@stkit/core';
import { PROCESS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, runProcess, SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import { startChatServer, userText, type ChatServer } from '../__fixtures__/chat-server';
import { makeSample } from '../__fixtures__/samples';
import { main } from '../cli/main';
import { readPredictions } from '../io/predictions-file';
import { planRun, runBench } from './run-bench';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let server: ChatServer;
let dir: string;

beforeAll(async () => {
  server = await startChatServer(async (request) => `Answer to: ${userText(request).slice(-30)}`);
}, SERVER_START_TIMEOUT_MS);
afterAll(() => server.close(), SERVER_START_TIMEOUT_MS);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stkit-run-options-'));
  server.requests.length = 0;
  await writeFile(join(dir, 'f0.png'), PNG);
  await writeFile(join(dir, 'f1.png'), PNG);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function samples(count: number): Sample[] {
  return Array.from({ length: count }, (_, index) =>
    makeSample('movement_direction', { clock: 3 }, { id: `s${index}`, frames: ['f0.png', 'f1.png'] }),
  );
}

function imageParts(request: (typeof server.requests)[number]): string[] {
  return request.messages.flatMap((message) =>
    Array.isArray(message.content)
      ? message.content.filter((part) => part.type === 'image_url').map((part) => part.image_url!.url)
      : [],
  );
}

const fast = { maxRetries: 0, timeoutMs: REQUEST_TIMEOUT_MS };

describe('run --limit / --blind', () => {
  it('--limit N sends only the first N samples, and a rerun with a larger limit resumes', async () => {
    const out = join(dir, 'p.jsonl');
    const first = await runBench({
      ...fast,
      samples: samples(5),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
      limit: 2,
      concurrency: 1,
    });
    expect(first).toMatchObject({ total: 2, completed: 2, skipped: 0 });
    expect([...(await readPredictions(out)).predictions.keys()]).toEqual(['s0', 's1']);
    const second = await runBench({
      ...fast,
      samples: samples(5),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
      limit: 3,
      concurrency: 1,
    });
    expect(second).toMatchObject({ total: 3, completed: 1, skipped: 2 });
    expect(server.requests).toHaveLength(3);
  });

  it('--blind sends the question alone and marks the lines; the report names the run "(blind)"', async () => {
    const out = join(dir, 'blind.jsonl');
    const result = await runBench({
      ...fast,
      samples: samples(2),
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out,
      blind: true,
    });
    expect(result).toMatchObject({ completed: 2, withoutFrames: 0 });
    expect(server.requests.every((request) => imageParts(request).length === 0)).toBe(true);
    expect(userText(server.requests[0]!)).toContain('In which direction does the object move at the end of the video?');
    const lines = (await readPredictions(out)).predictions;
    expect([...lines.values()].every((line) => line.blind === true && line.frames === 0)).toBe(true);
    await writeFile(
      join(dir, 'bench.jsonl'),
      `${samples(2)
        .map((sample) => JSON.stringify(sample))
        .join('\n')}\n`,
    );
    let stdout = '';
    const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } };
    expect(
      await main(
        ['evaluate', '--bench', join(dir, 'bench.jsonl'), '--predictions', out, '--out', join(dir, 'eval')],
        io,
      ),
    ).toBe(0);
    expect(stdout).toMatch(/^m \(blind\): average accuracy/);
    // The report puts the text-only baseline beside the model, per task.
    const full = join(dir, 'full.jsonl');
    await runBench({ ...fast, samples: samples(2), baseDir: dir, model: 'm', baseURL: server.baseURL, out: full });
    expect(
      await main(
        [
          'report',
          '--bench',
          join(dir, 'bench.jsonl'),
          '--predictions',
          full,
          '--predictions',
          out,
          '--out',
          join(dir, 'report'),
        ],
        io,
      ),
    ).toBe(0);
    const report = await readFile(join(dir, 'report', 'report.md'), 'utf8');
    expect(report).toMatch(/^\| m \|/m);
    expect(report).toMatch(/^\| m \(blind\) \|/m);
  });
});

describe('run --dry-run', () => {
  it('prints the requests (three with --limit 3), contacts nothing and writes nothing', async () => {
    await writeFile(
      join(dir, 'bench.jsonl'),
      `${samples(5)
        .map((sample) => JSON.stringify(sample))
        .join('\n')}\n`,
    );
    const out = join(dir, 'never', 'p.jsonl');
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    };
    // A port nothing listens on: a request would fail.
    const code = await main(
      [
        'run',
        '--bench',
        join(dir, 'bench.jsonl'),
        '--model',
        'm',
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--out',
        out,
        '--limit',
        '3',
        '--dry-run',
        '--frames',
        '1',
      ],
      io,
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            url: string;
            body: {
              model: string;
              temperature: number;
              messages: { content: { type: string; image_url?: { url: string }; text?: string }[] }[];
            };
          },
      );
    expect(lines.map((line) => line.id)).toEqual(['s0', 's1', 's2']);
    expect(lines[0]!.url).toBe('http://127.0.0.1:9/v1/chat/completions');
    expect(lines[0]!.body).toMatchObject({ model: 'm', temperature: 0 });
    const content = lines[0]!.body.messages[0]!.content;
    expect(content.map((part) => part.type)).toEqual(['image_url', 'text']);
    expect(content[0]!.image_url!.url).toBe(`data:image/png;base64,<${PNG.length} bytes>`);
    expect(content[1]!.text).toContain('In which direction does the object move at the end of the video?');
    expect(stderr).toContain('nothing sent, nothing written');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(server.requests).toHaveLength(0);
    // Without --out: all samples; with an --out holding answers: those are skipped, as a run would.
    stdout = '';
    expect(
      await main(
        [
          'run',
          '--bench',
          join(dir, 'bench.jsonl'),
          '--model',
          'm',
          '--base-url',
          server.baseURL,
          '--dry-run',
          '--blind',
        ],
        io,
      ),
    ).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(5);
    expect(stdout).not.toContain('image_url');
    await writeFile(join(dir, 'done.jsonl'), `${JSON.stringify({ id: 's0', response: 'x' })}\n`);
    stdout = '';
    expect(
      await main(
        [
          'run',
          '--bench',
          join(dir, 'bench.jsonl'),
          '--model',
          'm',
          '--base-url',
          server.baseURL,
          '--out',
          join(dir, 'done.jsonl'),
          '--dry-run',
          '--limit',
          '2',
        ],
        io,
      ),
    ).toBe(0);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual(['s1']);
    // Credentials in the base URL are not printed.
    stdout = '';
    stderr = '';
    expect(
      await main(
        [
          'run',
          '--bench',
          join(dir, 'bench.jsonl'),
          '--model',
          'm',
          '--base-url',
          'https://user:sk-secret@example.invalid/v1/',
          '--dry-run',
          '--limit',
          '1',
        ],
        io,
      ),
    ).toBe(0);
    expect(`${stdout}${stderr}`).not.toContain('sk-secret');
    expect((JSON.parse(stdout) as { url: string }).url).toBe('https://***@example.invalid/v1/chat/completions');
    expect(server.requests).toHaveLength(0);
  });

  it('bad flags of export are usage errors (exit 2) naming the flag', async () => {
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
    await writeFile(
      join(dir, 'bench.jsonl'),
      `${samples(1)
        .map((sample) => JSON.stringify(sample))
        .join('\n')}\n`,
    );
    expect(
      await main(['export', '--format', 'lmms', '--bench', join(dir, 'bench.jsonl'), '--out', join(dir, 'x')], io),
    ).toBe(2);
    expect(stderr).toContain('--format');
    expect(
      await main(
        [
          'export',
          '--format',
          'lmms-eval',
          '--bench',
          join(dir, 'bench.jsonl'),
          '--out',
          join(dir, 'x'),
          '--name',
          'bad-name',
        ],
        io,
      ),
    ).toBe(2);
    expect(stderr).toContain('--name');
    expect(await main(['export', '--format', 'vlmevalkit', '--out', join(dir, 'x')], io)).toBe(2);
    expect(stderr).toContain('--bench');
    expect(existsSync(join(dir, 'x'))).toBe(false);
    await writeFile(join(dir, 'a-file'), 'x');
    expect(
      await main(
        ['export', '--format', 'lmms-eval', '--bench', join(dir, 'bench.jsonl'), '--out', join(dir, 'a-file')],
        io,
      ),
    ).toBe(2);
    expect(stderr).toMatch(/--out.*a-file/);
  });
});

describe('frames from a video (system ffmpeg)', () => {
  it(
    'decodes the video at --fps, sends those frames and rewrites the frame list of the question',
    async () => {
      // A real 3-second, 10 fps H.264 video from ffmpeg's test source.
      await runProcess(
        'ffmpeg',
        [
          '-nostdin',
          '-v',
          'error',
          '-f',
          'lavfi',
          '-i',
          'testsrc=duration=3:size=64x48:rate=10',
          '-pix_fmt',
          'yuv420p',
          '-c:v',
          'libx264',
          join(dir, 'clip.mp4'),
        ],
        { timeoutMs: PROCESS_TIMEOUT_MS },
      );
      const base = makeSample('movement_direction', { clock: 3 }, { id: 'video-1' });
      const sample = { ...base, video: 'clip.mp4' } as Sample;
      const out = join(dir, 'p.jsonl');
      const result = await runBench({
        ...fast,
        samples: [sample],
        baseDir: dir,
        model: 'm',
        baseURL: server.baseURL,
        out,
        fps: 2,
      });
      expect(result).toMatchObject({ completed: 1, withoutFrames: 0 });
      const urls = imageParts(server.requests[0]!);
      expect(urls).toHaveLength(6); // 3 s at 2 fps
      for (const url of urls)
        expect(
          Buffer.from(url.slice('data:image/png;base64,'.length), 'base64').subarray(1, 4).toString('latin1'),
        ).toBe('PNG');
      expect(userText(server.requests[0]!)).toContain(
        '6 frames are uniformly sampled from it. These frames are located at 0.00s,0.50s,1.00s,1.50s,2.00s,2.50s.',
      );
      const line = (await readPredictions(out)).predictions.get('video-1')!;
      expect(line).toMatchObject({ frames: 6, media: 'video' });
      // Dry runs do not decode.
      const planned = await planRun({
        samples: [sample],
        baseDir: dir,
        model: 'm',
        baseURL: server.baseURL,
        out: join(dir, 'other.jsonl'),
        fps: 2,
      });
      expect(JSON.stringify(planned[0]!.body)).toContain('<frames of clip.mp4 at 2 fps');
    },
    PROCESS_TIMEOUT_MS * 2,
  );

  it('a missing ffmpeg is a BackendLoadError naming the package', async () => {
    await writeFile(join(dir, 'clip.mp4'), 'not decoded');
    const sample = {
      ...makeSample('movement_direction', { clock: 3 }, { id: 'video-2' }),
      video: 'clip.mp4',
    } as Sample;
    const error = await runBench({
      ...fast,
      samples: [sample],
      baseDir: dir,
      model: 'm',
      baseURL: server.baseURL,
      out: join(dir, 'p.jsonl'),
      ffmpeg: join(dir, 'no-ffmpeg'),
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(BackendLoadError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/apt-get install ffmpeg/);
  });

  it(
    'an undecodable video is a DatasetFormatError naming the file',
    async () => {
      await writeFile(join(dir, 'broken.mp4'), 'this is not a video');
      const sample = {
        ...makeSample('movement_direction', { clock: 3 }, { id: 'video-3' }),
        video: 'broken.mp4',
      } as Sample;
      const result = await runBench({
        ...fast,
        samples: [sample],
        baseDir: dir,
        model: 'm',
        baseURL: server.baseURL,
        out: join(dir, 'p.jsonl'),
      });
      expect(result.failed[0]!.error.message).toMatch(/broken\.mp4.*ffmpeg could not decode it/s);
      expect(await readFile(join(dir, 'p.jsonl'), 'utf8')).toBe('');
    },
    PROCESS_TIMEOUT_MS,
  );
});
