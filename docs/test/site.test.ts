/**
 * The built site: `npm run build` of this workspace (TypeDoc API reference,
 * CLI reference, VitePress build into .vitepress/dist), then the site served
 * on loopback and opened in headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core; no browser download): the local search must find an API
 * function by its name, every page under docs/pages must be built and in the
 * sidebar, and no page may log a console error.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEAVY_PROCESS_TIMEOUT_MS,
  repoRoot,
  requirePeers,
  runProcess,
  SERVER_START_TIMEOUT_MS,
} from '@stkit/test-data';
import type { BrowserContext } from 'playwright-core';
// @ts-expect-error: plain ESM module without types
import { buildSidebar, pagesRoot } from '../.vitepress/sidebar.mjs';

const docsRoot = join(repoRoot, 'docs');
const dist = join(docsRoot, '.vitepress', 'dist');
const CHROMIUM = '/usr/bin/chromium';
const BUILD_TIMEOUT_MS = 3 * HEAVY_PROCESS_TIMEOUT_MS;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

async function markdownPages(folder: string, skip: ReadonlySet<string>): Promise<string[]> {
  const pages: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !skip.has(relative(pagesRoot, path))) pages.push(...(await markdownPages(path, skip)));
    else if (entry.isFile() && entry.name.endsWith('.md')) pages.push(relative(pagesRoot, path).replace(/\.md$/, ''));
  }
  return pages;
}

function sidebarLinks(items: { link?: string; items?: unknown[] }[]): string[] {
  return items.flatMap((item) => [
    ...(item.link ? [item.link] : []),
    ...sidebarLinks((item.items ?? []) as { link?: string; items?: unknown[] }[]),
  ]);
}

describe('sidebar', () => {
  it('lists every hand-written page under docs/pages, known or not', async () => {
    const pages = await markdownPages(pagesRoot, new Set(['api', 'cli']));
    const links = new Set(sidebarLinks(buildSidebar()));
    const missing = pages.filter(
      (page) => !links.has(page === 'index' ? '/' : `/${page.replace(/(^|\/)index$/, '$1')}`),
    );
    expect(missing).toEqual([]);
    expect(pages).toEqual(expect.arrayContaining(['getting-started', 'definitions', 'tutorials/av2-to-benchmark']));
  });
});

describe.skipIf(!existsSync(CHROMIUM) && !requirePeers)('the built site', () => {
  let server: Server;
  let base: string;
  let context: BrowserContext;

  beforeAll(async () => {
    // STKIT_DOCS_PREBUILT=1 tests the site already in .vitepress/dist (e.g. right after `npm run docs:build`).
    if (!(process.env.STKIT_DOCS_PREBUILT === '1' && existsSync(join(dist, 'index.html')))) {
      await runProcess('npm', ['run', 'build'], { cwd: docsRoot, timeoutMs: BUILD_TIMEOUT_MS, maxBuffer: 64 << 20 });
    }
    server = createServer(async (request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      let file = join(dist, path);
      if (!file.startsWith(dist)) return void response.writeHead(403).end();
      if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
      const body = await readFile(file).catch(() => undefined);
      if (body === undefined) return void response.writeHead(404).end('not found');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'stkit-docs-chromium-')), {
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
  }, BUILD_TIMEOUT_MS + SERVER_START_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  }, SERVER_START_TIMEOUT_MS);

  it('builds every page under docs/pages, the API reference (one section per package) and the CLI reference', async () => {
    // api/<pkg>/_media holds repository documents TypeDoc copied (excluded from the site by srcExclude).
    const pages = (await markdownPages(pagesRoot, new Set())).filter((page) => !page.includes('/_media/'));
    const missing = pages.filter((page) => !existsSync(join(dist, `${page}.html`)));
    expect(missing).toEqual([]);
    for (const pkg of ['core', 'kinematics', 'templates', 'datasets', 'geometry', 'filters', 'bench', 'pipeline'])
      expect(existsSync(join(dist, 'api', pkg, 'index.html'))).toBe(true);
    expect(existsSync(join(dist, 'cli', 'stkit-view.html'))).toBe(true);
  });

  it(
    'finds an API function by its name with the local search',
    async () => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          errors.push(message.text());
      });
      // Failed requests are listed by URL; only the browser's own favicon probe may miss.
      page.on('response', (response) => {
        if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
          errors.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${base}/`, { timeout: SERVER_START_TIMEOUT_MS });
      await page.locator('.VPNavBarSearch button').first().click({ timeout: SERVER_START_TIMEOUT_MS });
      await page.locator('#localsearch-input').fill('sampleTrackOnGrid');
      const hit = page.locator('.VPLocalSearchBox a.result', { hasText: 'sampleTrackOnGrid' }).first();
      await hit.waitFor({ timeout: SERVER_START_TIMEOUT_MS });
      expect(await hit.getAttribute('href')).toMatch(/\/api\/kinematics\/.*#sampletrackongrid/i);
      await hit.click();
      await page.waitForURL(/#sampletrackongrid/i, { timeout: SERVER_START_TIMEOUT_MS });
      // The URL changes before the client-side router has rendered the page: wait for the heading, never
      // count it at once (that raced on a loaded machine).
      await page
        .locator('main h2, main h3')
        .filter({ hasText: 'sampleTrackOnGrid' })
        .first()
        .waitFor({ timeout: SERVER_START_TIMEOUT_MS });
      expect(errors).toEqual([]);
      await page.close();
    },
    HEAVY_PROCESS_TIMEOUT_MS,
  );
});
