import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { registerRuntimeKernels } from '../../../src/runtime/kernels/register';
import {
  convGrid,
  convShapes,
  elements,
  itMatchesCpu,
  type Backend,
  type ConvCase,
} from '../../helpers/kernel-grid';
import { maxDiff, nodeWasmDir, seededValues } from '../../helpers/tf-backends';

/** Switches backend only when needed (setupBackend re-registers every fast path). */
async function use(backend: Backend): Promise<void> {
  if (tf.getBackend() !== backend) await setupBackend(backend, { wasmPaths: nodeWasmDir() });
}

/** Runs one backend's Conv2DBackpropInput kernel on the case's data. */
async function inputGrad(backend: Backend, c: ConvCase): Promise<Float32Array> {
  await use(backend);
  const shapes = convShapes(c);
  const dy = tf.tensor4d(seededValues(elements(shapes.dy), 31), shapes.dy);
  const filter = tf.tensor4d(seededValues(elements(shapes.filter), 17), shapes.filter);
  const dx = tf
    .engine()
    .runKernel(
      'Conv2DBackpropInput',
      { dy, filter },
      { strides: [c.stride, c.stride], pad: c.pad, dataFormat: 'NHWC', inputShape: shapes.x },
    ) as tf.Tensor;
  expect(dx.shape).toEqual(shapes.x);
  const values = (await dx.data()) as Float32Array;
  tf.dispose([dy, filter, dx]);
  return values;
}

const convCases = convGrid(
  7,
  [11, 9],
  [
    [1, 6],
    [3, 5],
    [6, 16],
    [16, 1],
  ],
);
// Even sizes where 'same' pads unevenly, and LeNet's second convolution.
convCases.push({ batch: 5, size: [12, 10], inC: 3, outC: 2, k: 3, stride: 2, pad: 'same' });
convCases.push({ batch: 2, size: [8, 8], inC: 2, outC: 3, k: 5, stride: 2, pad: 'same' });
convCases.push({ batch: 7, size: [12, 12], inC: 6, outC: 16, k: 5, stride: 1, pad: 'valid' });

describe('Conv2DBackpropInput on wasm (built on XNNPACK convolution)', () => {
  beforeAll(async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
  });

  itMatchesCpu(convCases, inputGrad);
});

interface MatCase {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/** Runs one backend's BatchMatMul kernel on the case's data. */
async function matMul(backend: Backend, c: MatCase): Promise<Float32Array> {
  await use(backend);
  const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
  const a = tf.tensor(seededValues(size(c.a), 3), c.a);
  const b = tf.tensor(seededValues(size(c.b), 4), c.b);
  const out = tf
    .engine()
    .runKernel('BatchMatMul', { a, b }, { transposeA: c.transposeA, transposeB: c.transposeB }) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  tf.dispose([a, b, out]);
  return values;
}

const matGrid: MatCase[] = [
  // A dense layer's backward products: dy·Wᵀ and xᵀ·dy (batch 7 and 256).
  { a: [1, 7, 10], b: [1, 84, 10], transposeA: false, transposeB: true },
  { a: [1, 7, 120], b: [1, 7, 84], transposeA: true, transposeB: false },
  { a: [1, 256, 16], b: [1, 256, 5], transposeA: true, transposeB: false },
  { a: [3, 5, 6], b: [3, 5, 1], transposeA: true, transposeB: false },
  { a: [3, 6, 5], b: [1, 3, 5], transposeA: false, transposeB: true },
  { a: [2, 5, 3], b: [2, 6, 5], transposeA: true, transposeB: true },
  { a: [2, 7, 3], b: [2, 3, 6], transposeA: false, transposeB: false },
];

describe('BatchMatMul with transposed operands on wasm', () => {
  beforeAll(async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
  });

  itMatchesCpu(matGrid, matMul);

  it('can be switched off and on again (tfjs kernels restored, same results)', async () => {
    const c = matGrid[1]!;
    const ours = await matMul('wasm', c);
    expect(registerRuntimeKernels(['matMulTranspose', 'convInputGrad'])).toEqual([
      '-convInputGrad',
      '-matMulTranspose',
    ]);
    const theirs = await matMul('wasm', c);
    const conv = await inputGrad('wasm', convCases[10]!);
    expect(registerRuntimeKernels()).toEqual(['+convInputGrad', '+matMulTranspose']);
    const { diff, scale } = maxDiff(ours, theirs);
    expect(diff).toBeLessThanOrEqual(1e-4 * scale);
    const back = maxDiff(await inputGrad('wasm', convCases[10]!), conv);
    expect(back.diff).toBeLessThanOrEqual(1e-4 * back.scale);
  });
});

describe('Identity on wasm (shares the data)', () => {
  it('gives an equal tensor that outlives the original, and frees the data with the last reference', async () => {
    await use('wasm');
    const before = tf.engine().backend.numDataIds();
    const x = tf.tensor2d(seededValues(12, 6), [3, 4]);
    const copy = tf.clone(x);
    expect(copy.dataId).toBe(x.dataId);
    expect(tf.engine().backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(await copy.data())).toEqual(Array.from(seededValues(12, 6)));
    copy.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });

  it('still copies string tensors through tfjs’s own kernel', async () => {
    await use('wasm');
    const s = tf.tensor1d(['a', 'b']);
    const copy = tf.clone(s);
    s.dispose();
    expect(await copy.data()).toEqual(['a', 'b']);
    copy.dispose();
  });
});
