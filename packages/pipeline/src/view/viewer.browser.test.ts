/**
 * The viewer in a real browser: headless Chromium (Debian's, at
 * /usr/bin/chromium; never downloaded) driven by playwright-core. A fixture
 * run is generated (the demo scene through `generateQa`), one sample gets
 * hostile strings, and the page must render every question and plot, log no
 * console error, and keep the injected markup as text.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAVY_PROCESS_TIMEOUT_MS, requirePeers, SERVER_START_TIMEOUT_MS } from '@stkit/test-data';
import type { BrowserContext, Page } from 'playwright-core';
import type { Sample } from '@stkit/core';
import { createDemoClips } from '../demo-scene';
import { generateQa } from '../qa';
import { writeSampleViewer } from './write-viewer';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const HOSTILE = '<img src=x onerror="window.__pwned = 1"></script><script>window.__pwned = 2</script>';

async function readSamples(folder: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const file of (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort()) {
    for (const line of (await readFile(join(folder, file), 'utf8')).split('\n'))
      if (line.trim() !== '') samples.push(JSON.parse(line) as Sample);
  }
  return samples;
}

describe.skipIf(!hasChromium && !requirePeers)('stkit view in Chromium', () => {
  let context: BrowserContext;
  let run: string;
  let samples: Sample[];
  const errors: string[] = [];

  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${url}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${url}: ${error.message}`));
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: SERVER_START_TIMEOUT_MS });
    return page;
  }

  beforeAll(async () => {
    run = await mkdtemp(join(tmpdir(), 'stkit-view-browser-'));
    const clips = createDemoClips({ count: 2, seed: 3 });
    await mkdir(join(run, 'clips'), { recursive: true });
    await writeFile(join(run, 'clips', 'demo.jsonl'), clips.map((clip) => `${JSON.stringify(clip)}\n`).join(''));
    await generateQa({ clips, outDir: run, seed: 3, workers: 0 });
    const written = await readSamples(join(run, 'samples'));
    // One sample with hostile strings in every free-text field a dataset controls.
    const hostile = structuredClone(written[0]!);
    hostile.id = `hostile-${HOSTILE}`;
    hostile.source = { ...hostile.source, dataset: `evil${HOSTILE}` };
    hostile.objects = hostile.objects.map((object) => ({ ...object, category: `${object.category}${HOSTILE}` }));
    hostile.conversations = [
      { from: 'human', value: `${hostile.conversations[0].value}\n${HOSTILE}` },
      { from: 'gpt', value: HOSTILE },
    ];
    await writeFile(join(run, 'samples', 'zz-hostile.jsonl'), `${JSON.stringify(hostile)}\n`);
    samples = [...written, hostile];
    await writeSampleViewer({ samples: join(run, 'samples'), clips: join(run, 'clips'), outDir: join(run, 'view') });
    await writeSampleViewer({ samples: join(run, 'samples'), outDir: join(run, 'view-no-clips') });

    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'stkit-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      timeout: SERVER_START_TIMEOUT_MS,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, HEAVY_PROCESS_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
  }, SERVER_START_TIMEOUT_MS);

  it('renders every question, answer and plot of the run, with no console error', async () => {
    expect(samples.length).toBeGreaterThan(5);
    expect(samples.length).toBeLessThanOrEqual(100);
    const page = await open(`file://${join(run, 'view', 'index.html')}`);
    const cards = page.locator('article.sample');
    await expect.poll(() => cards.count()).toBe(samples.length);
    const questions = await page.locator('article.sample .question').allTextContents();
    expect(new Set(questions)).toEqual(new Set(samples.map((sample) => sample.conversations[0].value)));
    // Every named object of every sample has its trajectory drawn in that sample's plot.
    const drawn = await page.locator('article.sample').evaluateAll((articles) =>
      articles.map((article) => ({
        plots: article.querySelectorAll('svg.bev').length,
        tracks: new Set(
          [...article.querySelectorAll('polyline.trajectory')].map((line) => line.getAttribute('data-track')),
        ).size,
      })),
    );
    expect(drawn.every((entry) => entry.plots === 1)).toBe(true);
    expect(drawn.map((entry) => entry.tracks)).toEqual(
      await page
        .locator('article.sample .objects')
        .evaluateAll((rows) => rows.map((row) => row.querySelectorAll('.object').length)),
    );
    // Direction tasks draw the 12 o'clock reference; timed tasks highlight the asked interval.
    const direction = page.locator('article.sample[data-task="movement_direction"]');
    if ((await direction.count()) > 0) {
      await expect
        .poll(() => direction.first().locator('line.clock-reference').count(), { timeout: SERVER_START_TIMEOUT_MS })
        .toBeGreaterThan(0);
      await expect
        .poll(() => direction.first().locator('line.clock-asked').count(), { timeout: SERVER_START_TIMEOUT_MS })
        .toBeGreaterThan(0);
    }
    await expect
      .poll(() => page.locator('article.sample[data-task="traveled_distance"] polyline.asked').count(), {
        timeout: SERVER_START_TIMEOUT_MS,
      })
      .toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps an injected <img onerror> and </script> as text', async () => {
    const page = await open(`file://${join(run, 'view', 'index.html')}`);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect.poll(() => page.locator('img').count(), { timeout: SERVER_START_TIMEOUT_MS }).toBe(0); // the run has no frames, so any <img> was injected
    const hostile = page.locator('article.sample', { hasText: 'hostile-' });
    expect(await hostile.locator('.answer').textContent()).toBe(HOSTILE);
    expect(await hostile.locator('header .dataset').textContent()).toBe(`evil${HOSTILE}`);
    expect(await page.locator('#dataset option').allTextContents()).toContain(`evil${HOSTILE} (1)`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by task and dataset, also from the URL hash', async () => {
    const page = await open(`file://${join(run, 'view', 'index.html')}#task=traveling_speed`);
    const speed = samples.filter((sample) => sample.task === 'traveling_speed').length;
    expect(speed).toBeGreaterThan(0);
    await expect.poll(() => page.locator('article.sample').count(), { timeout: SERVER_START_TIMEOUT_MS }).toBe(speed);
    await page.selectOption('#task', '');
    await page.selectOption('#dataset', `evil${HOSTILE}`);
    await expect.poll(() => page.locator('article.sample').count(), { timeout: SERVER_START_TIMEOUT_MS }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says why plots are missing without --clips', async () => {
    const page = await open(`file://${join(run, 'view-no-clips', 'index.html')}`);
    expect(await page.locator('#banner').textContent()).toMatch(/without --clips/);
    await expect.poll(() => page.locator('svg.bev').count(), { timeout: SERVER_START_TIMEOUT_MS }).toBe(0);
    await expect
      .poll(() => page.locator('article.sample .plot .note').count(), { timeout: SERVER_START_TIMEOUT_MS })
      .toBe(samples.length);
    await page.close();
  });

  it('renders 100 samples at load and the rest as the list scrolls (10,000 samples)', async () => {
    const many = join(run, 'many');
    await mkdir(join(many, 'samples'), { recursive: true });
    const lines: string[] = [];
    for (let index = 0; index < 10_000; index++) {
      const sample = samples[index % (samples.length - 1)]!;
      lines.push(JSON.stringify({ ...sample, id: `${sample.id}#${index}` }));
    }
    await writeFile(join(many, 'samples', 'part-00000.jsonl'), `${lines.join('\n')}\n`);
    await writeSampleViewer({ samples: join(many, 'samples'), clips: join(run, 'clips'), outDir: join(many, 'view') });
    const page = await open(`file://${join(many, 'view', 'index.html')}`);
    await expect.poll(() => page.locator('article.sample').count(), { timeout: SERVER_START_TIMEOUT_MS }).toBe(100);
    expect(await page.locator('#count').textContent()).toMatch(/^10000 of 10000 samples/);
    for (let step = 0; step < 3; step++) {
      await page.locator('#more').scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (count) =>
          (
            globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }
          ).document.querySelectorAll('article.sample').length > count,
        100 * (step + 1),
      );
    }
    expect(await page.locator('article.sample').count()).toBeGreaterThanOrEqual(400);
    expect(await page.locator('article.sample').count()).toBeLessThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
