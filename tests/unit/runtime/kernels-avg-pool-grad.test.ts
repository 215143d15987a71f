import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { maxDiff, nodeWasmDir, seededValues } from '../../helpers/tf-backends';

interface PoolCase {
  batch: number;
  size: [number, number];
  channels: number;
  filter: number;
  stride: number;
  pad: 'valid' | 'same';
}

/** Runs one backend's AvgPoolGrad kernel on the case's data. */
async function poolGrad(backend: 'cpu' | 'wasm', c: PoolCase): Promise<Float32Array> {
  if (tf.getBackend() !== backend) await setupBackend(backend, { wasmPaths: nodeWasmDir() });
  const [h, w] = c.size;
  const input = tf.tensor4d(seededValues(c.batch * h * w * c.channels, 3), [c.batch, h, w, c.channels]);
  // The output gradient has the pooled shape, as tfjs computes it.
  const pooled = tf.avgPool(input, c.filter, c.stride, c.pad);
  const dy = tf.tensor(seededValues(pooled.size, 41), pooled.shape);
  const dx = tf
    .engine()
    .runKernel(
      'AvgPoolGrad',
      { dy, input },
      { filterSize: [c.filter, c.filter], strides: [c.stride, c.stride], pad: c.pad },
    ) as tf.Tensor;
  expect(dx.shape).toEqual(input.shape);
  const values = (await dx.data()) as Float32Array;
  tf.dispose([input, pooled, dy, dx]);
  return values;
}

const grid: PoolCase[] = [];
for (const pad of ['valid', 'same'] as const)
  for (const stride of [1, 2])
    for (const filter of [2, 3])
      for (const channels of [1, 3, 5, 6, 16])
        grid.push({ batch: 7, size: [9, 8], channels, filter, stride, pad });
grid.push({ batch: 7, size: [24, 24], channels: 6, filter: 2, stride: 2, pad: 'valid' });
// Windows that tile the input but overhang it (odd sizes, 'same'), or leave a remainder ('valid').
grid.push({ batch: 3, size: [9, 7], channels: 5, filter: 2, stride: 2, pad: 'same' });
grid.push({ batch: 3, size: [7, 11], channels: 3, filter: 3, stride: 3, pad: 'same' });
grid.push({ batch: 3, size: [7, 11], channels: 6, filter: 3, stride: 3, pad: 'valid' });

describe('AvgPoolGrad on wasm (streaming JS loop)', () => {
  beforeAll(async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
  });

  it.each(grid.map((c) => [JSON.stringify(c), c] as const))('matches cpu for %s', async (_name, c) => {
    const expected = await poolGrad('cpu', c);
    const actual = await poolGrad('wasm', c);
    const { diff, scale } = maxDiff(actual, expected);
    expect(scale).toBeGreaterThan(0);
    expect(diff).toBeLessThanOrEqual(1e-4 * scale);
  });
});
