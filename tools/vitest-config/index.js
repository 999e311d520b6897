// Shared vitest configuration. Sibling @stkit packages resolve through the
// "@stkit/source" export condition to their TypeScript sources, so tests run
// without a build.
import { defineConfig } from 'vitest/config';
import { defaultServerConditions, defaultClientConditions } from 'vite';

/** @param {{ testTimeout?: number }} [options] */
export function stkitVitest(options = {}) {
  return defineConfig({
    resolve: { conditions: ['@stkit/source', ...defaultClientConditions] },
    ssr: { resolve: { conditions: ['@stkit/source', ...defaultServerConditions] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: options.testTimeout ?? 30_000,
      pool: 'forks',
    },
  });
}
