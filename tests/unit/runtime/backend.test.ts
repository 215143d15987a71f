import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { registerRuntimeKernels } from '../../../src/runtime/kernels/register';
import { nodeWasmDir } from '../../helpers/tf-backends';

describe('setupBackend', () => {
  it('activates cpu on request', async () => {
    await expect(setupBackend('cpu')).resolves.toEqual({ backend: 'cpu', reason: 'cpu backend requested' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('picks wasm for auto, with our filter-gradient kernel registered', async () => {
    const r = await setupBackend('auto', { wasmPaths: nodeWasmDir() });
    expect(r.backend).toBe('wasm');
    expect(r.reason).toMatch(/chosen automatically \(SIMD, 1 thread\)/);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('is idempotent: switching back and forth, and registering kernels again, changes nothing', async () => {
    const kernel = tf.getKernel('Conv2DBackpropFilter', 'wasm');
    expect(registerRuntimeKernels()).toEqual([]);
    await setupBackend('cpu');
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(kernel);
  });
});
