// Test helpers shared by every package:
// - locating the shared real-data folder (`../shared/data`);
// - running another process (Python peers, servers, ffmpeg, browsers) asynchronously, with
//   timeouts sized for a busy 2-core CI machine, named here once instead of as literals per test.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (tools/test-data is two levels below it). */
export const repoRoot = resolve(here, '..', '..');

function candidateOf(dir) {
  const candidate = join(dir, 'shared', 'data');
  return existsSync(join(candidate, 'SOURCES.md')) ? candidate : undefined;
}

/**
 * Where the shared data is: $STKIT_SHARED_DATA; else `shared/data` beside the repository or one of its
 * ancestors; else beside the repository this clone was cloned from (a CI clone of a local checkout).
 */
function locate() {
  const fromEnv = process.env.STKIT_SHARED_DATA;
  if (fromEnv) return existsSync(join(fromEnv, 'SOURCES.md')) ? resolve(fromEnv) : undefined;
  for (let dir = repoRoot; ; ) {
    const found = candidateOf(dir);
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    const origin = execFileSync('git', ['-C', repoRoot, 'config', '--get', 'remote.origin.url'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    if (origin && isAbsolute(origin)) return candidateOf(dirname(resolve(origin)));
  } catch {
    // not a git checkout: nothing more to try
  }
  return undefined;
}

export const sharedDataRoot = locate();
export const hasSharedData = sharedDataRoot !== undefined;
/** CI sets STKIT_REQUIRE_SHARED_DATA=1: then a missing data folder fails instead of skipping. */
export const requireSharedData = process.env.STKIT_REQUIRE_SHARED_DATA === '1';
if (requireSharedData && !hasSharedData) {
  throw new Error(
    'STKIT_REQUIRE_SHARED_DATA=1 but the shared real data was not found: set STKIT_SHARED_DATA to the shared/data folder (it holds SOURCES.md)',
  );
}
/** CI sets STKIT_REQUIRE_PEERS=1: then a missing peer program (Python module, ffmpeg, redis-server, chromium) fails instead of skipping. */
export const requirePeers = process.env.STKIT_REQUIRE_PEERS === '1';
export const skipMessage = 'shared real data not found (set STKIT_SHARED_DATA to the shared/data folder)';

/** Absolute path inside the shared data folder, or undefined when it is absent. */
export function sharedDataPath(...parts) {
  return sharedDataRoot === undefined ? undefined : join(sharedDataRoot, ...parts);
}

/**
 * Timeouts for tests that start another process, in milliseconds. Sized from the worst of 5 runs
 * under `stress-ng --cpu 2` while turbo ran every package's tests on 2 cores, times 3 or more
 * (see README, "Contributing"). Override all of them at once with STKIT_TEST_TIMEOUT_SCALE.
 */
const scale = Number(process.env.STKIT_TEST_TIMEOUT_SCALE ?? '1') || 1;
/** A short peer process (python3 -c with NumPy, ffmpeg on a few frames, protoc). */
export const PROCESS_TIMEOUT_MS = Math.round(120_000 * scale);
/** A heavy peer comparison (scikit-learn over many cases, a browser session). */
export const HEAVY_PROCESS_TIMEOUT_MS = Math.round(300_000 * scale);
/** Starting a server (redis-server, chromium, a local HTTP model server) until it answers. */
export const SERVER_START_TIMEOUT_MS = Math.round(60_000 * scale);
/**
 * A client's per-request timeout against a local test server that answers at once (chat, scorer).
 * A test that checks the timeout itself makes the server hold the reply forever, so only the
 * timeout can end the request; the answered requests must meet it on a saturated machine (a
 * 2 s timeout was exceeded at a load average of 28).
 */
export const REQUEST_TIMEOUT_MS = Math.round(30_000 * scale);

/**
 * Runs `command args` asynchronously; resolves with its output when it exits with code 0, rejects
 * with the exit code and stderr otherwise, or when it outlives `timeoutMs`.
 */
export function runProcess(command, args = [], options = {}) {
  const { timeoutMs = PROCESS_TIMEOUT_MS, input, cwd, env, encoding = 'utf8', maxBuffer = 1 << 28 } = options;
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      command,
      args,
      { cwd, env, encoding, maxBuffer, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) {
          const reason = error.killed ? `timed out after ${timeoutMs} ms` : `exit code ${error.code ?? 'unknown'}`;
          const tail = String(stderr ?? '')
            .trim()
            .split('\n')
            .slice(-20)
            .join('\n');
          reject(new Error(`${command} ${reason}${tail ? `:\n${tail}` : ''}`, { cause: error }));
          return;
        }
        resolvePromise({ stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Debian's Python (never the `python3` first on PATH, which lacks Debian's modules). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Why `modules` cannot be imported by Debian's Python, or undefined when they can. */
export async function pythonModulesUnavailable(modules) {
  try {
    await runProcess(DEBIAN_PYTHON, ['-c', `import ${modules.join(', ')}`]);
    return undefined;
  } catch (error) {
    const reason = `${modules.join(', ')} not importable by ${DEBIAN_PYTHON} (install Debian's python3-* packages): ${error.message.split('\n').pop()}`;
    // CI installs every peer: there a missing one is a failure, not a skip.
    if (requirePeers) throw new Error(`STKIT_REQUIRE_PEERS=1: ${reason}`);
    return reason;
  }
}

export { spawn };
