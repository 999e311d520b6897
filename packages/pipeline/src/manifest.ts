/**
 * `manifest.json` of an output folder: the configuration, seed, package
 * versions and counts of a run. It holds no times or host names, so a rerun
 * with the same arguments writes the same bytes.
 */
import { createRequire } from 'node:module';
import { writeFileAtomic } from './atomic-write';

const require = createRequire(import.meta.url);

/** Versions of the STKit packages this run used. */
export function packageVersions(names: readonly string[]): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}

/** Writes `manifest.json` atomically, keys in the order given. */
export async function writeManifest(file: string, manifest: object): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
