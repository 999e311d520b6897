/**
 * Provider selection and fallback with an injected runtime (CUDA libraries
 * are not installed here), then the real onnxruntime-node on a generated graph.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BackendLoadError, InvalidArgumentError, StkitError } from '../errors';
import type { OnnxRuntimeModule, RuntimeSession, RuntimeSessionOptions, RuntimeTensor } from './runtime';
import { createOnnxSession } from './session';
import { tensor } from './tensor';

const AFFINE = fileURLToPath(new URL('./__fixtures__/affine.onnx', import.meta.url));

/** A fake runtime: records every create() call; providers in `failing` throw like a missing CUDA library. */
function fakeRuntime(failing: readonly string[] = []) {
  const calls: RuntimeSessionOptions[] = [];
  let released = 0;
  const FakeTensor = class implements RuntimeTensor {
    constructor(
      readonly type: string,
      readonly data: unknown,
      readonly dims: readonly number[],
    ) {}
  };
  const runtime: OnnxRuntimeModule = {
    Tensor: FakeTensor as unknown as OnnxRuntimeModule['Tensor'],
    InferenceSession: {
      async create(_model, options) {
        calls.push(options);
        const entry = options.executionProviders[0]!;
        const name = typeof entry === 'string' ? entry : entry.name;
        if (failing.includes(name))
          throw new Error(`OrtSessionOptionsAppendExecutionProvider_${name}: Failed to load shared library`);
        const session: RuntimeSession = {
          inputNames: ['x'],
          outputNames: ['y'],
          async run(feeds) {
            const x = feeds.x!;
            const data = Float32Array.from(x.data as Float32Array, (v) => v + 1);
            return { y: new FakeTensor('float32', data, x.dims) };
          },
          async release() {
            released++;
          },
        };
        return session;
      },
    },
  };
  return { runtime, calls, released: () => released };
}

describe('createOnnxSession with an injected runtime', () => {
  it('tries CUDA first and reports CUDA when it is created', async () => {
    const fake = fakeRuntime();
    const session = createOnnxSession({
      model: AFFINE,
      device: 'cuda',
      deviceId: 1,
      _internal: { runtime: fake.runtime },
    });
    const info = await session.load();
    expect(info.provider).toBe('cuda');
    expect(info.fallbackReason).toBeUndefined();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.executionProviders).toEqual([{ name: 'cuda', deviceId: 1 }]);
    expect(session.provider).toBe('cuda');
  });

  it('falls back to CPU when CUDA cannot be created, and says why', async () => {
    const fake = fakeRuntime(['cuda']);
    const session = createOnnxSession({ model: AFFINE, device: 'auto', _internal: { runtime: fake.runtime } });
    const info = await session.load();
    expect(info.provider).toBe('cpu');
    expect(info.attempts.map((a) => a.provider)).toEqual(['cuda', 'cpu']);
    expect(info.fallbackReason).toMatch(/^cuda unavailable: .*Failed to load shared library/);
    expect(fake.calls.map((c) => c.executionProviders)).toEqual([[{ name: 'cuda', deviceId: 0 }], ['cpu']]);
  });

  it('throws BackendLoadError with the CUDA install hint when fallback is off', async () => {
    const fake = fakeRuntime(['cuda']);
    const session = createOnnxSession({
      model: AFFINE,
      device: 'cuda',
      fallback: false,
      _internal: { runtime: fake.runtime },
    });
    const error = await session.load().catch((e: unknown) => e);
    expect(BackendLoadError.isInstance(error)).toBe(true);
    expect((error as BackendLoadError).hint).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12 npm install onnxruntime-node');
    expect((error as BackendLoadError).hint).toContain('npm install-scripts approve onnxruntime-node');
    expect(fake.calls).toHaveLength(1);
  });

  it('does not attempt a provider the runtime build does not list', async () => {
    const fake = fakeRuntime();
    const runtime = { ...fake.runtime, listSupportedBackends: () => [{ name: 'cpu', bundled: true }] };
    const info = await createOnnxSession({ model: AFFINE, device: 'auto', _internal: { runtime } }).load();
    expect(info.provider).toBe('cpu');
    expect(info.fallbackReason).toMatch(/has no 'cuda' execution provider/);
    expect(fake.calls.map((c) => c.executionProviders)).toEqual([['cpu']]);
  });

  it('device cpu never touches CUDA; a failing CPU is a BackendLoadError naming the model', async () => {
    const fake = fakeRuntime(['cpu']);
    const session = createOnnxSession({
      model: AFFINE,
      device: 'cpu',
      name: 'affine',
      _internal: { runtime: fake.runtime },
    });
    await expect(session.load()).rejects.toThrow(/^affine: could not create an ONNX session \(cpu: /);
    expect(fake.calls.map((c) => c.executionProviders)).toEqual([['cpu']]);
  });

  it('is lazy, creates the session once for concurrent and repeated use, and disposes once', async () => {
    const fake = fakeRuntime();
    const session = createOnnxSession({ model: AFFINE, device: 'cpu', _internal: { runtime: fake.runtime } });
    expect(fake.calls).toHaveLength(0);
    expect(session.provider).toBeUndefined();
    const input = { x: tensor(Float32Array.of(1, 2), [2]) };
    const [a, b] = await Promise.all([session.run(input), session.run(input)]);
    await session.run(input);
    expect(fake.calls).toHaveLength(1);
    expect(Array.from(a.y!.data as Float32Array)).toEqual([2, 3]);
    expect(b.y!.shape).toEqual([2]);
    await session.dispose();
    await session.dispose();
    expect(fake.released()).toBe(1);
    await expect(session.run(input)).rejects.toThrow(/disposed/);
  });

  it('checks input names and honours an aborted signal', async () => {
    const fake = fakeRuntime();
    const session = createOnnxSession({ model: AFFINE, device: 'cpu', _internal: { runtime: fake.runtime } });
    await expect(session.run({})).rejects.toThrow(InvalidArgumentError);
    await expect(
      session.run({ x: tensor(new Float32Array(1), [1]), z: tensor(new Float32Array(1), [1]) }),
    ).rejects.toThrow("no input 'z'");
    const controller = new AbortController();
    controller.abort();
    await expect(session.run({ x: tensor(new Float32Array(1), [1]) }, { signal: controller.signal })).rejects.toThrow();
  });

  it('reports a missing model file and an unknown device clearly', async () => {
    const session = createOnnxSession({
      model: '/nonexistent/model.onnx',
      _internal: { runtime: fakeRuntime().runtime },
    });
    await expect(session.load()).rejects.toThrow('model file not found: /nonexistent/model.onnx');
    expect(() => createOnnxSession({ model: AFFINE, device: 'gpu' as 'cpu' })).toThrow(InvalidArgumentError);
  });

  it('passes a BackendLoadError from the runtime loader through', async () => {
    const missing = async (): Promise<OnnxRuntimeModule> => {
      throw new BackendLoadError({
        backend: 'onnxruntime-node',
        message: 'the package is not installed',
        hint: 'npm install onnxruntime-node',
      });
    };
    const session = createOnnxSession({ model: AFFINE, _internal: { runtime: missing } });
    const error = await session.load().catch((e: unknown) => e);
    expect(StkitError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('not installed');
  });
});

describe('createOnnxSession with the real onnxruntime-node', () => {
  it('runs a generated graph (y = 2x + b, n = shape(x)) on CPU', async () => {
    const session = createOnnxSession({ model: AFFINE, device: 'cpu' });
    const info = await session.load();
    expect(info.provider).toBe('cpu');
    expect(info.inputs).toEqual([
      { name: 'x', type: 'float32', shape: ['batch', 3] },
      { name: 'b', type: 'float32', shape: [3] },
    ]);
    // x = [[1,2,3],[4,5,6]], b = [10,20,30] → y = [[12,24,36],[18,30,42]]; n = [2, 3]
    const out = await session.run({
      x: tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]),
      b: tensor(Float32Array.of(10, 20, 30), [3]),
    });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([12, 24, 36, 18, 30, 42]);
    expect(out.y!.shape).toEqual([2, 3]);
    expect(out.n!.type).toBe('int64');
    expect(Array.from(out.n!.data as BigInt64Array)).toEqual([2n, 3n]);
    await session.dispose();
  });

  it('device auto falls back to CPU here, where the CUDA provider libraries are absent', async () => {
    const session = createOnnxSession({ model: AFFINE, device: 'auto', logSeverityLevel: 4 });
    const info = await session.load();
    // On a machine with the CUDA 12 provider installed this is 'cuda'; this test environment has none.
    if (info.provider === 'cpu') {
      expect(info.attempts[0]).toMatchObject({ provider: 'cuda' });
      expect(info.fallbackReason).toMatch(/^cuda unavailable/);
    } else {
      expect(info.provider).toBe('cuda');
    }
    await session.dispose();
  });
});
