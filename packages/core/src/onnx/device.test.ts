import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors';
import { DEVICE_EXECUTION_PROVIDERS, executionProvidersFor, ONNX_DEVICES } from './device';

describe('device → execution providers', () => {
  it('is one frozen table: CUDA first then CPU for cuda/auto, CPU only for cpu', () => {
    expect(Object.isFrozen(DEVICE_EXECUTION_PROVIDERS)).toBe(true);
    expect(Object.isFrozen(DEVICE_EXECUTION_PROVIDERS.cuda)).toBe(true);
    expect(executionProvidersFor('cuda')).toEqual(['cuda', 'cpu']);
    expect(executionProvidersFor('auto')).toEqual(['cuda', 'cpu']);
    expect(executionProvidersFor('cpu')).toEqual(['cpu']);
    expect(ONNX_DEVICES).toEqual(['cuda', 'cpu', 'auto']);
  });

  it('rejects an unknown device, listing the known ones', () => {
    expect(() => executionProvidersFor('gpu')).toThrow(InvalidArgumentError);
    expect(() => executionProvidersFor('gpu')).toThrow("known devices: 'cuda', 'cpu', 'auto'");
    expect(() => executionProvidersFor('toString')).toThrow(InvalidArgumentError);
  });
});
