/**
 * The ONNX session factory used by every model backend. A session is created
 * on first use (not at construction), reused for every run, and released by
 * `dispose()`. The device goes through {@link DEVICE_EXECUTION_PROVIDERS}:
 * CUDA is tried first, then CPU, and the provider actually obtained is
 * reported in {@link OnnxSessionInfo.provider}.
 */
import { stat } from 'node:fs/promises';
import { BackendLoadError, InvalidArgumentError, StkitError } from '../errors';
import { executionProvidersFor, type ExecutionProviderName, type OnnxDevice } from './device';
import {
  loadOnnxRuntime,
  ONNXRUNTIME_INSTALL_HINT,
  type OnnxRuntimeModule,
  type RuntimeExecutionProvider,
  type RuntimeSession,
} from './runtime';
import { tensor, type Tensor, type TensorDataArray } from './tensor';
import type { OnnxTensorType } from './runtime';

/** Settings of {@link createOnnxSession}. */
export interface OnnxSessionSettings {
  /** Path of the `.onnx` file, or its bytes. */
  readonly model: string | Uint8Array;
  /** Where to run. @default 'auto' (CUDA when it can be created, else CPU) */
  readonly device?: OnnxDevice;
  /** When CUDA cannot be created, fall back to CPU (true) or throw {@link BackendLoadError} (false). @default true */
  readonly fallback?: boolean;
  /** CUDA device ordinal. @default 0 */
  readonly deviceId?: number;
  /** Extra CUDA provider options passed to onnxruntime (e.g. `{ cudnn_conv_algo_search: 'DEFAULT' }`). */
  readonly cudaOptions?: Readonly<Record<string, unknown>>;
  /** Threads for one operator on CPU; onnxruntime's default when omitted. */
  readonly intraOpNumThreads?: number;
  /** onnxruntime log level of the session: 0 verbose … 4 fatal. @default 3 (errors only) */
  readonly logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** Name used in messages; the path (or `'<bytes>'`) when omitted. */
  readonly name?: string;
  /** Test seam: a runtime module to use instead of `import('onnxruntime-node')`. */
  readonly _internal?: { readonly runtime?: OnnxRuntimeModule | (() => Promise<OnnxRuntimeModule>) };
}

/** Name, element type and shape of a model input or output (symbolic dimensions as strings). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly type: string | undefined;
  readonly shape: readonly (number | string)[] | undefined;
}

/** What a loaded session got. */
export interface OnnxSessionInfo {
  /** The device that was asked for. */
  readonly device: OnnxDevice;
  /** The execution provider the session was actually created with. */
  readonly provider: ExecutionProviderName;
  /** Every provider tried, in order, with the error of those that failed. */
  readonly attempts: readonly { readonly provider: ExecutionProviderName; readonly error?: string }[];
  /** Why the first choice was not obtained (undefined when it was). */
  readonly fallbackReason: string | undefined;
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

/** Options of one {@link OnnxSession.run}. */
export interface OnnxRunOptions {
  /** Outputs to compute; all when omitted. */
  readonly outputNames?: readonly string[];
  /** Aborts before the session is created or the run starts, and discards the result of a run that finishes after the abort. */
  readonly signal?: AbortSignal;
}

/** A lazily created, reusable inference session. */
export interface OnnxSession {
  /** Name used in messages. */
  readonly name: string;
  /** The device asked for. */
  readonly device: OnnxDevice;
  /** The provider obtained, once loaded; undefined before. */
  readonly provider: ExecutionProviderName | undefined;
  /** Creates the underlying session if needed (idempotent, concurrent calls share one creation). */
  load(options?: { signal?: AbortSignal }): Promise<OnnxSessionInfo>;
  /** Runs the model on typed-array tensors; output tensors are plain `{ type, data, shape }`. */
  run(inputs: Readonly<Record<string, Tensor>>, options?: OnnxRunOptions): Promise<Record<string, Tensor>>;
  /** Releases the native session; later calls to `run` throw. Safe to call twice. */
  dispose(): Promise<void>;
}

/** Creates an {@link OnnxSession}; nothing is loaded until `load()` or `run()`. */
export function createOnnxSession(settings: OnnxSessionSettings): OnnxSession {
  const device = settings.device ?? 'auto';
  const providers = executionProvidersFor(device); // validates the device now, not at first use
  const name = settings.name ?? (typeof settings.model === 'string' ? settings.model : '<bytes>');
  let loading: Promise<{ session: RuntimeSession; runtime: OnnxRuntimeModule; info: OnnxSessionInfo }> | undefined;
  let provider: ExecutionProviderName | undefined;
  let disposed = false;

  const ensure = (signal?: AbortSignal) => {
    if (disposed) throw new StkitError({ name: 'StkitError', message: `${name}: the ONNX session was disposed` });
    signal?.throwIfAborted();
    loading ??= open(settings, name, device, providers).then(
      (loaded) => {
        provider = loaded.info.provider;
        return loaded;
      },
      (error: unknown) => {
        loading = undefined; // allow a retry (e.g. after installing the runtime)
        throw error;
      },
    );
    return loading;
  };

  return {
    name,
    device,
    get provider() {
      return provider;
    },
    async load(options = {}) {
      return (await ensure(options.signal)).info;
    },
    async run(inputs, options = {}) {
      const { session, runtime } = await ensure(options.signal);
      const feeds: Record<string, InstanceType<OnnxRuntimeModule['Tensor']>> = {};
      for (const inputName of session.inputNames) {
        const input = inputs[inputName];
        if (!input) {
          throw new InvalidArgumentError({
            argument: 'inputs',
            value: Object.keys(inputs),
            message: `${name}: missing input '${inputName}'; the model takes ${session.inputNames.map((n) => `'${n}'`).join(', ')}`,
          });
        }
        feeds[inputName] = new runtime.Tensor(input.type, input.data, input.shape);
      }
      for (const given of Object.keys(inputs)) {
        if (!session.inputNames.includes(given)) {
          throw new InvalidArgumentError({
            argument: 'inputs',
            value: given,
            message: `${name}: the model has no input '${given}'; it takes ${session.inputNames.map((n) => `'${n}'`).join(', ')}`,
          });
        }
      }
      options.signal?.throwIfAborted();
      const results = await session.run(feeds, options.outputNames);
      options.signal?.throwIfAborted();
      const outputs: Record<string, Tensor> = {};
      for (const [key, value] of Object.entries(results)) {
        outputs[key] = tensor(value.data as TensorDataArray, value.dims, value.type as OnnxTensorType);
      }
      return outputs;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      const pending = loading;
      loading = undefined;
      if (!pending) return;
      try {
        const { session } = await pending;
        await session.release();
      } catch {
        // creation failed: nothing to release
      }
    },
  };
}

async function resolveRuntime(settings: OnnxSessionSettings): Promise<OnnxRuntimeModule> {
  const injected = settings._internal?.runtime;
  if (injected === undefined) return loadOnnxRuntime();
  return typeof injected === 'function' ? injected() : injected;
}

function providerEntry(provider: ExecutionProviderName, settings: OnnxSessionSettings): RuntimeExecutionProvider {
  if (provider === 'cuda') return { ...settings.cudaOptions, name: 'cuda', deviceId: settings.deviceId ?? 0 };
  return 'cpu';
}

async function open(
  settings: OnnxSessionSettings,
  name: string,
  device: OnnxDevice,
  providers: readonly ExecutionProviderName[],
) {
  if (typeof settings.model === 'string') {
    const found = await stat(settings.model).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!found)
      throw new BackendLoadError({
        backend: name,
        message: `model file not found: ${settings.model}`,
        hint: 'Check the path; STKit does not download model weights.',
      });
  }
  const runtime = await resolveRuntime(settings);
  const attempts: { provider: ExecutionProviderName; error?: string }[] = [];
  const allowFallback = settings.fallback ?? true;
  // Providers this build of onnxruntime-node does not list at all (e.g. CUDA on macOS) are not attempted.
  const listed = runtime.listSupportedBackends?.().map((backend) => backend.name);
  for (const provider of providers) {
    let failure: unknown;
    const missingLibrary = provider === 'cpu' ? undefined : runtime.missingProviderLibrary?.(provider);
    if (provider !== 'cpu' && listed && !listed.includes(provider)) {
      failure = new Error(
        `onnxruntime-node on ${process.platform}-${process.arch} has no '${provider}' execution provider`,
      );
    } else if (missingLibrary !== undefined) {
      failure = new Error(missingLibrary);
    } else {
      try {
        const session = await runtime.InferenceSession.create(settings.model, {
          // One provider per attempt: onnxruntime adds CPU for nodes the first provider
          // cannot run, so the provider of the attempt that succeeds is what we report.
          executionProviders: [providerEntry(provider, settings)],
          logSeverityLevel: settings.logSeverityLevel ?? 3,
          ...(settings.intraOpNumThreads !== undefined ? { intraOpNumThreads: settings.intraOpNumThreads } : {}),
        });
        attempts.push({ provider });
        const first = attempts[0]!;
        const info: OnnxSessionInfo = {
          device,
          provider,
          attempts,
          fallbackReason: first.provider === provider ? undefined : `${first.provider} unavailable: ${first.error}`,
          inputs: describe(session.inputNames, session.inputMetadata),
          outputs: describe(session.outputNames, session.outputMetadata),
        };
        return { session, runtime, info };
      } catch (error) {
        failure = error;
      }
    }
    const message = (failure as Error).message ?? String(failure);
    attempts.push({ provider, error: message });
    if (provider === 'cuda' && !allowFallback) {
      throw new BackendLoadError({
        backend: name,
        message: `the CUDA execution provider could not be created (${message}) and fallback is off`,
        hint: ONNXRUNTIME_INSTALL_HINT,
        cause: failure,
      });
    }
    if (provider === providers[providers.length - 1]) {
      throw new BackendLoadError({
        backend: name,
        message: `could not create an ONNX session (${attempts.map((a) => `${a.provider}: ${a.error}`).join('; ')})`,
        hint:
          provider === 'cpu'
            ? 'Is the file a valid ONNX model for this onnxruntime version?'
            : ONNXRUNTIME_INSTALL_HINT,
        cause: failure,
      });
    }
  }
  throw new InvalidArgumentError({ argument: 'device', value: device, message: 'maps to no execution provider' });
}

function describe(
  names: readonly string[],
  metadata:
    | readonly { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] }[]
    | undefined,
): OnnxValueInfo[] {
  return names.map((valueName) => {
    const meta = metadata?.find((m) => m.name === valueName);
    return { name: valueName, type: meta?.type, shape: meta?.shape };
  });
}
