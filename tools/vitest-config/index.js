// Shared vitest configuration. Sibling @stkit packages resolve through the
// "@stkit/source" export condition to their TypeScript sources, so tests run
// without a build.
import { defineConfig } from 'vitest/config';
import { defaultServerConditions, defaultClientConditions } from 'vite';

/**
 * Sized for CI on a busy 2-core machine, where turbo runs several packages' tests at once: a test that
 * takes 5 s alone can take 30 s there. Tests that start processes or servers pass their own timeouts from
 * `@stkit/test-data` (PROCESS_TIMEOUT_MS, SERVER_START_TIMEOUT_MS …); these defaults cover in-process work.
 * STKIT_TEST_TIMEOUT_SCALE scales them, as it scales the process timeouts.
 */
const scale = Number(process.env.STKIT_TEST_TIMEOUT_SCALE ?? '1') || 1;
export const DEFAULT_TEST_TIMEOUT_MS = Math.round(120_000 * scale);
export const DEFAULT_HOOK_TIMEOUT_MS = Math.round(120_000 * scale);

/**
 * Test files of one package run in at most this many forked workers. turbo runs two packages' tests
 * at once (root `test` script), so a 2-core machine sees about four busy processes (see README,
 * "Contributing": measured CI wall times).
 */
export const MAX_TEST_WORKERS = Number(process.env.STKIT_TEST_WORKERS ?? '2') || 2;

/** @param {{ testTimeout?: number }} [options] */
export function stkitVitest(options = {}) {
  return defineConfig({
    resolve: { conditions: ['@stkit/source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['@stkit/source', ...defaultServerConditions] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? DEFAULT_TEST_TIMEOUT_MS,
      hookTimeout: DEFAULT_HOOK_TIMEOUT_MS,
      pool: 'forks',
      maxWorkers: MAX_TEST_WORKERS,
    },
  });
}
