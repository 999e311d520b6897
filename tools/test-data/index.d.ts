/** The repository root. */
export declare const repoRoot: string;
export declare const sharedDataRoot: string | undefined;
export declare const hasSharedData: boolean;
/** True when CI requires the shared data (STKIT_REQUIRE_SHARED_DATA=1); importing then throws if it is absent. */
export declare const requireSharedData: boolean;
/** True when CI requires every peer program (STKIT_REQUIRE_PEERS=1). */
export declare const requirePeers: boolean;
export declare const skipMessage: string;
export declare function sharedDataPath(...parts: string[]): string | undefined;
/** A short peer process (python3 -c with NumPy, ffmpeg on a few frames, protoc). */
export declare const PROCESS_TIMEOUT_MS: number;
/** A heavy peer comparison (scikit-learn over many cases, a browser session). */
export declare const HEAVY_PROCESS_TIMEOUT_MS: number;
/** Starting a server (redis-server, chromium, a local HTTP model server) until it answers. */
export declare const SERVER_START_TIMEOUT_MS: number;
/** A client's per-request timeout against a local test server that answers at once. */
export declare const REQUEST_TIMEOUT_MS: number;
export interface RunProcessOptions {
  /** @default PROCESS_TIMEOUT_MS */
  timeoutMs?: number;
  input?: string | Uint8Array;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** @default 'utf8' */
  encoding?: BufferEncoding;
  maxBuffer?: number;
}
export interface RunProcessResult {
  stdout: string;
  stderr: string;
}
/** Runs a command asynchronously; rejects on a non-zero exit or after `timeoutMs` (SIGKILL). */
export declare function runProcess(
  command: string,
  args?: readonly string[],
  options?: RunProcessOptions,
): Promise<RunProcessResult>;
/** Debian's Python: /usr/bin/python3. */
export declare const DEBIAN_PYTHON: string;
/** Why `modules` cannot be imported by Debian's Python, or undefined when they can. */
export declare function pythonModulesUnavailable(modules: readonly string[]): Promise<string | undefined>;
export { spawn } from 'node:child_process';
