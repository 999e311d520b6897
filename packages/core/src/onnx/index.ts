/**
 * @packageDocumentation
 * `@stkit/core/onnx`: the ONNX session factory of STKit. onnxruntime-node is
 * an optional peer dependency, imported only when a session is first used.
 */
export {
  DEVICE_EXECUTION_PROVIDERS,
  ONNX_DEVICES,
  executionProvidersFor,
  type OnnxDevice,
  type ExecutionProviderName,
} from './device';
export {
  loadOnnxRuntime,
  ONNXRUNTIME_INSTALL_HINT,
  type OnnxRuntimeModule,
  type OnnxTensorType,
  type RuntimeSession,
  type RuntimeSessionOptions,
  type RuntimeTensor,
  type RuntimeValueMetadata,
  type RuntimeExecutionProvider,
} from './runtime';
export { tensor, tensorTypeOf, shapeSize, type Tensor, type TensorDataArray } from './tensor';
export {
  createOnnxSession,
  type OnnxSession,
  type OnnxSessionSettings,
  type OnnxSessionInfo,
  type OnnxRunOptions,
  type OnnxValueInfo,
} from './session';
