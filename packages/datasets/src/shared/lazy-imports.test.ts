/**
 * Importing the package root must not load the heavy dependencies
 * (apache-arrow, lz4js, sharp, better-sqlite3): a child Node process records
 * every module resolution through a loader hook.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROCESS_TIMEOUT_MS, runProcess } from '@stkit/test-data';

const temp = mkdtempSync(join(tmpdir(), 'stkit-lazy-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const packageDir = resolve(import.meta.dirname, '../..');

describe('lazy loading of heavy dependencies', () => {
  it(
    'the root import loads none; reading a feather file loads apache-arrow and lz4js',
    async () => {
      const hook = join(temp, 'hook.mjs');
      const heavy = '/^(apache-arrow|lz4js|sharp|better-sqlite3)$/';
      writeFileSync(
        hook,
        `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) { if (${heavy}.test(s)) console.log('LOADED ' + s); return next(s, c); }\`));\n`,
      );
      // A regular file that is not Arrow: the reader gets as far as loading its dependencies, then rejects it.
      const notFeather = join(temp, 'not-arrow.feather');
      writeFileSync(notFeather, 'not an Arrow file');
      const root = pathToFileURL(join(packageDir, 'src/index.ts')).href;
      const av2 = pathToFileURL(join(packageDir, 'src/argoverse2/read-feather.ts')).href;
      const script = `await import('${root}'); console.log('ROOT'); await import('${av2}').then((m) => m.readFeather('${notFeather}', {}).catch(() => {})); console.log('READ');`;
      const { stdout: output } = await runProcess(
        process.execPath,
        [
          '--conditions=@stkit/source',
          '--import',
          'tsx',
          '--import',
          pathToFileURL(hook).href,
          '--input-type=module',
          '-e',
          script,
        ],
        { cwd: packageDir },
      );
      const lines = output.trim().split('\n');
      expect(lines.slice(0, lines.indexOf('ROOT'))).toEqual([]);
      expect(lines.slice(lines.indexOf('ROOT') + 1)).toEqual(['LOADED apache-arrow', 'LOADED lz4js', 'READ']);
    },
    PROCESS_TIMEOUT_MS,
  );
});
