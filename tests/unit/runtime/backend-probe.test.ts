import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import { BackendError } from '../../../src/runtime/backend';
import { chooseBackend } from '../../../src/runtime/backend-probe';
import { nodeWasmDir } from '../../helpers/tf-backends';
import { toyConvPlan } from '../../helpers/trainer-harness';

const subject = { plan: toyConvPlan(), config: { ...DEFAULT_TRAINING, batchSize: 32, learningRate: 0.1 } };
const wasm = { wasmPaths: nodeWasmDir() };

/** Registers a stand-in 'webgpu' backend factory once (the loader may run for every run). */
function registerFakeGpu(onCreate: () => void = () => {}): void {
  if (tf.findBackendFactory('webgpu')) return;
  tf.registerBackend('webgpu', () => {
    onCreate();
    return new MathBackendCPU();
  });
}

describe('chooseBackend', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sets up a backend the user chose without timing anything', async () => {
    const setup = await chooseBackend('cpu', subject, wasm);
    expect(setup).toMatchObject({ backend: 'cpu', pick: { backend: 'cpu', why: 'requested', probe: [] } });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('refuses a GPU backend the environment does not offer, when it was chosen', async () => {
    await expect(chooseBackend('webgl', subject, wasm)).rejects.toThrow(BackendError);
    await expect(chooseBackend('webgpu', subject, wasm)).rejects.toThrow(/not available in this environment/);
  });

  it("on 'auto' with wasm the only candidate, picks it without a probe", async () => {
    const setup = await chooseBackend('auto', subject, wasm);
    expect(setup).toMatchObject({ backend: 'wasm', pick: { backend: 'wasm', why: 'only', probe: [] } });
    expect(tf.getBackend()).toBe('wasm');
  });

  it("on 'auto' skips a GPU backend without a device untimed, leaving wasm alone and untimed", async () => {
    let created = 0;
    const loadGpuBackends = async () => registerFakeGpu(() => created++);
    try {
      const setup = await chooseBackend('auto', subject, { ...wasm, loadGpuBackends });
      expect(created).toBe(0);
      expect(setup.pick).toEqual({
        backend: 'wasm',
        why: 'only',
        probe: [{ backend: 'webgpu', kind: 'skipped', why: 'unavailable', detail: 'no webgpu device' }],
      });
      expect(setup.reason).toMatch(
        /^the only fast backend here; webgpu skipped \(no webgpu device\); wasm backend/,
      );
      expect(tf.getBackend()).toBe('wasm');
    } finally {
      tf.removeBackend('webgpu');
    }
  });

  it("on 'auto' times every backend with a device, and keeps one that trains", async () => {
    // A stand-in for a real GPU: an adapter that is not a fallback one, and a backend that
    // initialises but has no kernels, so its timed steps fail and it is skipped.
    let created = 0;
    const loadGpuBackends = async () => registerFakeGpu(() => created++);
    const adapter = { info: { vendor: 'acme', architecture: 'rdna', isFallbackAdapter: false } };
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
    let t = 0;
    const now = () => (t += 5); // every clock read 5 ms later: the 1 s budget ends after ~200 reads
    try {
      const setup = await chooseBackend('auto', subject, { ...wasm, loadGpuBackends }, now);
      expect(created).toBe(1);
      const [gpu, cpuWasm] = setup.pick!.probe;
      expect(gpu).toMatchObject({ backend: 'webgpu', kind: 'skipped', why: 'unavailable' });
      expect(gpu!.kind === 'skipped' && gpu!.detail).toMatch(/not registered for backend 'webgpu'/);
      expect(cpuWasm).toMatchObject({ backend: 'wasm', kind: 'measured' });
      expect(cpuWasm!.kind === 'measured' && cpuWasm!.examplesPerSec).toBeGreaterThan(0);
      expect(setup).toMatchObject({ backend: 'wasm', pick: { backend: 'wasm', why: 'only' } });
      expect(setup.reason).toMatch(/^the only backend that ran: wasm [\d,]+ ex\/s; webgpu skipped/);
      expect(tf.getBackend()).toBe('wasm');
    } finally {
      tf.removeBackend('webgpu');
    }
  });

  it("skips WebGPU's fallback (software) adapter without initialising the backend", async () => {
    let created = 0;
    const loadGpuBackends = async () => registerFakeGpu(() => created++);
    const adapter = { info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } };
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
    try {
      const setup = await chooseBackend('auto', subject, { ...wasm, loadGpuBackends });
      expect(created).toBe(0);
      expect(setup.pick?.probe[0]).toEqual({
        backend: 'webgpu',
        kind: 'skipped',
        why: 'software',
        detail: 'google swiftshader',
      });
      expect(setup.backend).toBe('wasm');
    } finally {
      tf.removeBackend('webgpu');
    }
  });

  it('leaves no tensor behind after a probe', async () => {
    const loadGpuBackends = async () => registerFakeGpu();
    const adapter = { info: { vendor: 'acme', isFallbackAdapter: false } };
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
    await chooseBackend('auto', subject, { ...wasm, loadGpuBackends });
    const before = tf.memory().numTensors;
    try {
      await chooseBackend('auto', subject, { ...wasm, loadGpuBackends });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      tf.removeBackend('webgpu');
    }
  });
});
