// Shared tsup configuration: ESM only, d.ts, Node 20 target.
// A package's tsup.config.ts is `export default stkitTsup({ entry: [...] })`.
import { defineConfig } from 'tsup';

/**
 * @param {{ entry?: string[] | Record<string, string>, external?: string[] }} [options]
 */
export function stkitTsup(options = {}) {
  return defineConfig({
    entry: options.entry ?? ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    external: options.external ?? [],
  });
}
