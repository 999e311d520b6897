/**
 * The slice of onnxruntime-node that STKit uses, as an interface (so tests
 * can inject a fake runtime to exercise provider selection and fallback), and
 * the lazy loader of the real package (an optional peer dependency).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendLoadError } from '../errors';

/** Element types of tensors STKit passes in and out. */
export type OnnxTensorType =
  | 'float32'
  | 'float64'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'int8'
  | 'bool'
  | 'float16'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'uint64'
  | 'string';

/** A tensor as onnxruntime returns it (structurally, `ort.Tensor`). */
export interface RuntimeTensor {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
  dispose?(): void;
}

/** Metadata of one model input or output, as onnxruntime ≥ 1.21 reports it. */
export interface RuntimeValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  /** Dimensions; symbolic ones as their name (`'batch'`) or -1. */
  readonly shape?: readonly (number | string)[];
}

/** A created inference session (structurally, `ort.InferenceSession`). */
export interface RuntimeSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly RuntimeValueMetadata[];
  readonly outputMetadata?: readonly RuntimeValueMetadata[];
  run(feeds: Record<string, RuntimeTensor>, fetches?: readonly string[]): Promise<Record<string, RuntimeTensor>>;
  release(): Promise<void>;
}

/** An execution provider entry as onnxruntime's session options take it. */
export type RuntimeExecutionProvider = string | { readonly name: string; readonly [option: string]: unknown };

/** Session options passed through to onnxruntime. */
export interface RuntimeSessionOptions {
  executionProviders: RuntimeExecutionProvider[];
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  intraOpNumThreads?: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

/** The runtime module: `import('onnxruntime-node')` satisfies it. */
export interface OnnxRuntimeModule {
  readonly InferenceSession: {
    create(model: string | Uint8Array, options: RuntimeSessionOptions): Promise<RuntimeSession>;
  };
  readonly Tensor: new (type: OnnxTensorType, data: unknown, dims: readonly number[]) => RuntimeTensor;
  /** Providers compiled into the binary (`bundled: false` means an extra download, e.g. CUDA). */
  listSupportedBackends?(): readonly { name: string; bundled: boolean }[];
  /**
   * Why `provider` cannot load before trying it (its shared libraries are not installed), or undefined.
   * Set by {@link loadOnnxRuntime} for the real package, so a CPU-only install does not make onnxruntime
   * log a `Failed to load library` error for every session that probes CUDA.
   */
  missingProviderLibrary?(provider: string): string | undefined;
}

/** The install instructions shown when onnxruntime-node is missing or cannot load. */
export const ONNXRUNTIME_INSTALL_HINT = [
  'Install the optional peer dependency:  npm install onnxruntime-node',
  'For CUDA 12 on Linux x64 (on a machine with network access and an NVIDIA driver):',
  '  ONNXRUNTIME_NODE_INSTALL=cuda12 npm install onnxruntime-node',
  "npm 11 runs only approved install scripts; approve onnxruntime-node's (it downloads the CUDA provider libraries) with:",
  '  npm install-scripts approve onnxruntime-node   (or add "allowScripts": { "onnxruntime-node": true } to package.json), then reinstall.',
].join('\n');

let cached: Promise<OnnxRuntimeModule> | undefined;

/**
 * Loads onnxruntime-node once (`await import`), or throws
 * {@link BackendLoadError} with {@link ONNXRUNTIME_INSTALL_HINT}. Nothing is
 * loaded at import time of `@stkit/core/onnx`.
 */
export function loadOnnxRuntime(): Promise<OnnxRuntimeModule> {
  cached ??= importRuntime().catch((error: unknown) => {
    cached = undefined; // a later call may succeed after the user installs it
    throw error;
  });
  return cached;
}

async function importRuntime(): Promise<OnnxRuntimeModule> {
  let module: unknown;
  try {
    module = await import('onnxruntime-node');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw new BackendLoadError({
      backend: 'onnxruntime-node',
      message: missing
        ? 'the package is not installed'
        : `the package could not be loaded (${(error as Error).message})`,
      hint: ONNXRUNTIME_INSTALL_HINT,
      cause: error,
    });
  }
  const runtime = ((module as { default?: unknown }).default ?? module) as OnnxRuntimeModule;
  if (typeof runtime.InferenceSession?.create !== 'function' || typeof runtime.Tensor !== 'function') {
    throw new BackendLoadError({
      backend: 'onnxruntime-node',
      message: 'the module does not export InferenceSession and Tensor',
      hint: ONNXRUNTIME_INSTALL_HINT,
    });
  }
  const binaryDir = onnxRuntimeBinaryDir();
  return {
    InferenceSession: runtime.InferenceSession,
    Tensor: runtime.Tensor,
    ...(runtime.listSupportedBackends ? { listSupportedBackends: () => runtime.listSupportedBackends!() } : {}),
    missingProviderLibrary: (provider) => missingProviderLibrary(binaryDir, provider),
  };
}

/** The folder of onnxruntime-node's native binding (`bin/napi-v6/<platform>/<arch>`), or undefined. */
function onnxRuntimeBinaryDir(): string | undefined {
  try {
    const main = createRequire(import.meta.url).resolve('onnxruntime-node');
    return join(dirname(dirname(main)), 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
}

/**
 * On Linux the CUDA provider is `libonnxruntime_providers_cuda.so` beside the binding, loaded through
 * `libonnxruntime_providers_shared.so`; the npm install puts both there only with ONNXRUNTIME_NODE_INSTALL=cuda12.
 */
function missingProviderLibrary(binaryDir: string | undefined, provider: string): string | undefined {
  if (provider !== 'cuda' || binaryDir === undefined || process.platform !== 'linux' || !existsSync(binaryDir))
    return undefined;
  for (const file of ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so']) {
    if (!existsSync(join(binaryDir, file)))
      return `the CUDA provider libraries are not installed (${file} is absent from ${binaryDir})`;
  }
  return undefined;
}
