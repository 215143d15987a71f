import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's gradients are registered by this import (tfjs-layers does it in the app).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { batchNormTrain, hasBatchNormTrain } from '../../../src/runtime/kernels/batch-norm';
import { instantiateSimd, isSharedMemory, wasmMemoryOf } from '../../../src/runtime/kernels/simd-module';
import { maxDiff, nodeWasmDir, seededValues } from '../../helpers/tf-backends';

type Backend = 'cpu' | 'wasm';

interface Case {
  shape: number[];
  epsilon: number;
}

/** x, gamma, beta and an upstream gradient for a case (x offset so that the mean is not ~0). */
function data(c: Case) {
  const ch = c.shape[c.shape.length - 1]!;
  const size = c.shape.reduce((a, b) => a * b, 1);
  return {
    x: seededValues(size, 5).map((v, i) => 3 * v + (i % ch) - 1),
    gamma: seededValues(ch, 7).map((v) => v + 1.5),
    beta: seededValues(ch, 8),
    dy: seededValues(size, 9),
  };
}

/** y, batch moments and the gradients of Σ y·dy, with our fused kernel or tfjs's own ops. */
async function run(backend: Backend, c: Case, fused: boolean) {
  await setupBackend(backend, { wasmPaths: nodeWasmDir() });
  const d = data(c);
  const ch = c.shape[c.shape.length - 1]!;
  const x = tf.tensor(d.x, c.shape);
  const gamma = tf.tensor1d(d.gamma);
  const beta = tf.tensor1d(d.beta);
  const dy = tf.tensor(d.dy, c.shape);
  const axes = c.shape.slice(0, -1).map((_, i) => i);
  const forward = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    if (fused) return batchNormTrain(xs, g, b, c.epsilon);
    const { mean, variance } = tf.moments(xs, axes);
    return { y: tf.batchNorm(xs, mean, variance, b, g, c.epsilon), mean, variance };
  };
  const out = tf.tidy(() => {
    const { y, mean, variance } = forward(x, gamma, beta);
    const grads = tf.grads((xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(forward(xs, g, b).y, dy)),
    )([x, gamma, beta]);
    return [y, tf.reshape(mean, [ch]), tf.reshape(variance, [ch]), ...grads];
  });
  const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, gamma, beta, dy, ...out]);
  return values;
}

const NAMES = ['y', 'mean', 'variance', 'dx', 'dgamma', 'dbeta'];

const cases: Case[] = [
  { shape: [7, 5, 5, 3], epsilon: 1e-5 },
  { shape: [7, 6], epsilon: 1e-3 },
  { shape: [4, 6, 6, 1], epsilon: 1e-5 },
  { shape: [3, 4, 4, 5], epsilon: 1e-5 },
  { shape: [7, 3, 3, 16], epsilon: 1e-5 },
  { shape: [7, 4, 4, 6], epsilon: 0.1 },
  { shape: [9, 120], epsilon: 1e-5 },
  // Many SIMD blocks (64 periods each) plus a tail: 13,824 values of 6 channels; 1,505 rows of 5.
  { shape: [64, 6, 6, 6], epsilon: 1e-5 },
  { shape: [1505, 5], epsilon: 1e-5 },
];

describe('fused batch norm (training mode) kernel', () => {
  beforeAll(async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
  });

  it('is registered for wasm and cpu by setupBackend', () => {
    expect(hasBatchNormTrain('wasm')).toBe(true);
    expect(hasBatchNormTrain('cpu')).toBe(true);
  });

  it.each(cases.flatMap((c) => (['wasm', 'cpu'] as const).map((b) => [b, JSON.stringify(c), c] as const)))(
    'on %s matches tfjs ops on cpu (output, moments, gradients) for %s',
    async (backend, _name, c) => {
      const expected = await run('cpu', c, false);
      const actual = await run(backend, c, true);
      expected.forEach((e, i) => {
        const { diff, scale } = maxDiff(actual[i]!, e);
        expect(scale, NAMES[i]).toBeGreaterThan(0);
        expect(diff, NAMES[i]).toBeLessThanOrEqual(1e-4 * scale);
      });
    },
  );

  // The threaded tfjs build (cross-origin-isolated pages) has a shared memory, maximum 4 GiB.
  const memories = {
    ordinary: () => new WebAssembly.Memory({ initial: 1 }),
    'shared (maximum 4 GiB)': () => new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true }),
    'shared (small maximum)': () => new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true }),
  };

  it('finds the memory of the single-threaded (exported) and threaded (imported) builds', () => {
    const ordinary = memories.ordinary();
    const shared = memories['shared (small maximum)']();
    expect(wasmMemoryOf({ wasm: { asm: { memory: ordinary } } })).toBe(ordinary);
    expect(wasmMemoryOf({ wasm: { asm: {}, wasmMemory: shared } })).toBe(shared);
    expect(wasmMemoryOf({ wasm: { asm: {} } })).toBeNull();
    expect(wasmMemoryOf({})).toBeNull();
    expect(isSharedMemory(shared)).toBe(true);
    expect(isSharedMemory(ordinary)).toBe(false);
  });

  it.each(Object.entries(memories))(
    'its SIMD module computes per-lane sums and affine maps on %s memory',
    (_name, make) => {
      const memory = make();
      const simd = instantiateSimd(memory)!;
      expect(simd).not.toBeNull();
      const f = new Float32Array(memory.buffer);
      const x = seededValues(40, 2); // 5 periods of L = 8 floats at byte 0
      f.set(x);
      const coef = (slot: number, g: (k: number) => number) => {
        for (let k = 0; k < 8; k++) f[1000 + slot * 8 + k] = g(k);
      };
      coef(0, (k) => k / 8); // cu
      coef(1, (k) => -k); // cv
      simd.sums2(0, 0, 5, 32, 4000, 4032, 4064, 4096);
      for (let k = 0; k < 8; k++) {
        let s1 = 0;
        let s2 = 0;
        for (let p = 0; p < 5; p++) {
          const d = x[p * 8 + k]! - k / 8;
          s1 += d;
          s2 += d * (x[p * 8 + k]! + k);
        }
        expect(f[1016 + k]).toBeCloseTo(s1, 5);
        expect(f[1024 + k]).toBeCloseTo(s2, 5);
      }
      coef(0, (k) => k + 1); // a
      coef(1, (k) => 2 - k); // b
      coef(2, (k) => k * 0.25); // c
      simd.affine2(0, 0, 8000, 5, 32, 4000, 4032, 4064);
      for (let q = 0; q < 40; q++) expect(f[2000 + q]).toBeCloseTo(x[q]! * 3 + (q % 8) * 0.25, 5);
    },
  );

  it('rejects gamma of the wrong size', async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
    const x = tf.zeros([2, 3]);
    const g = tf.ones([2]);
    expect(() => batchNormTrain(x, g, g, 1e-3)).toThrow(/gamma and beta must have shape \[3\]/);
    tf.dispose([x, g]);
  });
});
