import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelPlan } from '../../../src/compiler/plan';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { forward } from '../../../src/runtime/forward';
import { classesOf, meanLoss } from '../../../src/runtime/metrics';
import { templatePlan } from '../../helpers/plans';
import { toyPlan } from '../../helpers/trainer-harness';
import {
  convGrid,
  convShapes,
  elements,
  itMatchesCpu,
  type Backend,
  type ConvCase,
} from '../../helpers/kernel-grid';
import { maxDiff, nodeWasmDir, seededValues } from '../../helpers/tf-backends';

/** Runs the Conv2DBackpropFilter kernel of one backend on the case's data. */
async function filterGrad(backend: Backend, c: ConvCase): Promise<Float32Array> {
  await setupBackend(backend, { wasmPaths: nodeWasmDir() });
  const shapes = convShapes(c);
  const x = tf.tensor4d(seededValues(elements(shapes.x), 11), shapes.x);
  const dy = tf.tensor4d(seededValues(elements(shapes.dy), 29), shapes.dy);
  const dw = tf
    .engine()
    .runKernel(
      'Conv2DBackpropFilter',
      { x, dy },
      { strides: [c.stride, c.stride], pad: c.pad, dataFormat: 'NHWC', filterShape: shapes.filter },
    ) as tf.Tensor;
  expect(dw.shape).toEqual(shapes.filter);
  const values = (await dw.data()) as Float32Array;
  tf.dispose([x, dy, dw]);
  return values;
}

const grid = convGrid(
  3,
  [11, 9],
  [
    [1, 2],
    [3, 7],
    [5, 2],
  ],
);
// A short batch of a realistic size, and even sizes where 'same' pads unevenly.
grid.push({ batch: 96, size: [28, 28], inC: 1, outC: 6, k: 5, stride: 1, pad: 'valid' });
grid.push({ batch: 5, size: [12, 10], inC: 3, outC: 2, k: 3, stride: 2, pad: 'same' });
grid.push({ batch: 2, size: [8, 8], inC: 2, outC: 3, k: 5, stride: 2, pad: 'same' });

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
  });

  itMatchesCpu(grid, filterGrad);
});

describe('a conv net trained on wasm', () => {
  /** Gradients of the mean loss for every trainable variable, on one backend. */
  async function gradients(backend: Backend, plan: ModelPlan, x: Float32Array, labels: number[]) {
    await setupBackend(backend, { wasmPaths: nodeWasmDir() });
    const model = buildModel(plan, 5);
    const classes = classesOf(plan);
    const grads = tf.tidy(() => {
      const xs = tf.tensor(x, [labels.length, ...plan.inputShape]);
      const ys = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classes), 'float32') as tf.Tensor2D;
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      return tf.variableGrads(() => meanLoss(ys, forward(model, plan, xs, { mode: 'train' })), vars).grads;
    });
    const out = new Map<string, Float32Array>();
    for (const w of model.trainableWeights)
      out.set(w.originalName, (await grads[w.name]!.data()) as Float32Array);
    tf.dispose(Object.values(grads));
    model.dispose();
    return out;
  }

  it.each([
    [
      'toy net with strided same-padded convs',
      toyPlan([
        ['conv2d', { filters: 5, kernelSize: 3, strides: 2, padding: 'same' }],
        ['batch-norm'],
        ['activation', { activation: 'relu' }],
        ['conv2d', { filters: 3, kernelSize: 3 }],
        ['flatten'],
        ['dense', { units: 3 }],
      ]),
      24,
    ],
    ['LeNet-BN', templatePlan('lenet-bn').plan, 16],
  ])('%s: gradients match the cpu backend', async (_name, plan, n) => {
    const size = plan.inputShape.reduce((a, b) => a * b, 1);
    const x = seededValues(n * size, 3).map((v) => (v + 1) / 2);
    const labels = Array.from({ length: n }, (_, i) => i % classesOf(plan));
    const cpu = await gradients('cpu', plan, x, labels);
    const wasm = await gradients('wasm', plan, x, labels);
    expect([...wasm.keys()]).toEqual([...cpu.keys()]);
    // A conv bias feeding batch norm has a true gradient of zero: both backends return
    // rounding noise there, which can only be checked to be tiny next to the others.
    const largest = Math.max(...[...cpu.values()].map((g) => maxDiff(g, g).scale));
    for (const [name, expected] of cpu) {
      const { diff, scale } = maxDiff(wasm.get(name)!, expected);
      if (scale < 1e-4 * largest) expect(diff, name).toBeLessThanOrEqual(1e-4 * largest);
      else expect(diff, name).toBeLessThanOrEqual(1e-4 * scale);
    }
  });
});
