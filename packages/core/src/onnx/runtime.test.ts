import { describe, expect, it, vi } from 'vitest';
import { BackendLoadError } from '../errors';

describe('loadOnnxRuntime', () => {
  it('loads the real onnxruntime-node lazily and caches it', async () => {
    const { loadOnnxRuntime } = await import('./runtime');
    const first = await loadOnnxRuntime();
    expect(typeof first.InferenceSession.create).toBe('function');
    expect(await loadOnnxRuntime()).toBe(first);
  });

  it('turns a missing package into BackendLoadError with the install commands', async () => {
    vi.resetModules();
    vi.doMock('onnxruntime-node', () => {
      throw Object.assign(new Error("Cannot find package 'onnxruntime-node'"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    const { loadOnnxRuntime } = await import('./runtime');
    const error = await loadOnnxRuntime().catch((e: unknown) => e);
    expect(BackendLoadError.isInstance(error)).toBe(true);
    const loadError = error as BackendLoadError;
    expect(loadError.backend).toBe('onnxruntime-node');
    expect(loadError.hint).toContain('npm install onnxruntime-node');
    expect(loadError.hint).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12 npm install onnxruntime-node');
    expect(loadError.hint).toContain('npm install-scripts approve onnxruntime-node');
    vi.doUnmock('onnxruntime-node');
  });
});

describe('missingProviderLibrary of the real onnxruntime-node', () => {
  it('names the absent CUDA provider library exactly when it is absent beside the binding', async () => {
    const { loadOnnxRuntime } = await import('./runtime');
    const runtime = await loadOnnxRuntime();
    const { createRequire } = await import('node:module');
    const { existsSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const binaryDir = join(
      dirname(dirname(createRequire(import.meta.url).resolve('onnxruntime-node'))),
      'bin',
      'napi-v6',
      process.platform,
      process.arch,
    );
    const present = ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'].every((file) =>
      existsSync(join(binaryDir, file)),
    );
    const reason = runtime.missingProviderLibrary?.('cuda');
    if (process.platform === 'linux' && !present)
      expect(reason).toMatch(/libonnxruntime_providers_(shared|cuda)\.so is absent/);
    else expect(reason).toBeUndefined();
    expect(runtime.missingProviderLibrary?.('cpu')).toBeUndefined();
  });
});
