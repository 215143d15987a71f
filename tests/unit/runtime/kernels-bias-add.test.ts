import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's gradients are registered by this import (tfjs-layers does it in the app).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { biasAdd } from '../../../src/runtime/kernels/bias-add';
import { maxDiff, nodeWasmDir, seededValues } from '../../helpers/tf-backends';

/** y = x + bias and the gradients of Σ y·dy, with our kernel or tfjs's broadcast add. */
async function run(backend: 'cpu' | 'wasm', shape: number[], ours: boolean): Promise<Float32Array[]> {
  await setupBackend(backend, { wasmPaths: nodeWasmDir() });
  const c = shape[shape.length - 1]!;
  const size = shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(seededValues(size, 1), shape);
  const bias = tf.tensor1d(seededValues(c, 2));
  const dy = tf.tensor(seededValues(size, 3), shape);
  const add = (a: tf.Tensor, b: tf.Tensor) => (ours ? biasAdd(a, b) : tf.add(a, b));
  const out = tf.tidy(() => [
    add(x, bias),
    ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(add(a, b), dy)))([x, bias]),
  ]);
  const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose([x, bias, dy, ...out]);
  return values;
}

const shapes = [
  [7, 5, 5, 1],
  [7, 4, 4, 3],
  [7, 6, 6, 5],
  [64, 6, 6, 6],
  [7, 3, 3, 16],
  [9, 120],
];

describe('bias add kernel', () => {
  it.each(shapes.flatMap((s) => (['wasm', 'cpu'] as const).map((b) => [b, JSON.stringify(s), s] as const)))(
    'on %s matches a broadcast add on cpu (output, dx, dbias) for %s',
    async (backend, _name, shape) => {
      const expected = await run('cpu', shape, false);
      const actual = await run(backend, shape, true);
      expected.forEach((e, i) => {
        const { diff, scale } = maxDiff(actual[i]!, e);
        expect(scale, ['y', 'dx', 'dbias'][i]).toBeGreaterThan(0);
        expect(diff, ['y', 'dx', 'dbias'][i]).toBeLessThanOrEqual(1e-4 * scale);
      });
    },
  );
});
