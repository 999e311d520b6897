/**
 * `device` → execution providers: one frozen table, the only place where the
 * mapping lives. Each entry is the ordered list of providers to *try*; the
 * first one whose session can be created is the one the session reports.
 */
import { InvalidArgumentError } from '../errors';

/** Devices a session can be asked for. */
export type OnnxDevice = 'cuda' | 'cpu' | 'auto';

/** Execution providers STKit knows how to configure (onnxruntime-node names). */
export type ExecutionProviderName = 'cuda' | 'cpu';

/**
 * Providers tried per device, in order. `cuda` and `auto` both try CUDA first
 * and fall back to CPU (a session on CPU is always possible); `cpu` never
 * touches CUDA. Whether falling back is allowed is a session option
 * (`fallback`), not part of the table.
 */
export const DEVICE_EXECUTION_PROVIDERS: Readonly<Record<OnnxDevice, readonly ExecutionProviderName[]>> = Object.freeze(
  {
    cuda: Object.freeze(['cuda', 'cpu'] as const),
    cpu: Object.freeze(['cpu'] as const),
    auto: Object.freeze(['cuda', 'cpu'] as const),
  },
);

/** The known device names, for error messages and CLI help. */
export const ONNX_DEVICES: readonly OnnxDevice[] = Object.freeze(
  Object.keys(DEVICE_EXECUTION_PROVIDERS) as OnnxDevice[],
);

/**
 * The providers to try for `device`. Throws {@link InvalidArgumentError}
 * listing the known devices when `device` is not one of them.
 */
export function executionProvidersFor(device: string): readonly ExecutionProviderName[] {
  if (!Object.hasOwn(DEVICE_EXECUTION_PROVIDERS, device)) {
    throw new InvalidArgumentError({
      argument: 'device',
      value: device,
      message: `unknown device '${device}'; known devices: ${ONNX_DEVICES.map((d) => `'${d}'`).join(', ')}`,
    });
  }
  return DEVICE_EXECUTION_PROVIDERS[device as OnnxDevice];
}
