import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../../src/data/batches';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { forward } from '../../../src/runtime/forward';
import { FAST_PATHS, registerRuntimeKernels } from '../../../src/runtime/kernels/register';
import { layerHandles } from '../../../src/runtime/layer-handles';
import { classesOf, meanLoss } from '../../../src/runtime/metrics';
import { Optimizer } from '../../../src/runtime/optimizer';
import { trainableVariables, trainStep } from '../../../src/runtime/train-step';
import { templatePlan } from '../../helpers/plans';
import { toyPlan } from '../../helpers/trainer-harness';
import { maxDiff, nodeWasmDir, seededValues } from '../../helpers/tf-backends';

const { doc, plan } = templatePlan('lenet-bn');
const classes = classesOf(plan);
const per = plan.inputShape.reduce((a, b) => a * b, 1);

/** A batch of seeded pixels in [0, 1] and cycling labels. */
function batchOf(n: number, seed: number): Batch {
  const x = seededValues(n * per, seed).map((v) => (v + 1) / 2);
  const y = new Float32Array(n * classes);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = (i + seed) % classes;
    y[i * classes + labels[i]!] = 1;
  }
  return { size: n, x, y, labels };
}

/** Every weight of a model (running statistics included) by name. */
const weightsOf = (model: tfl.LayersModel): Map<string, Float32Array> =>
  new Map(model.weights.map((w) => [w.originalName, w.read().dataSync() as Float32Array]));

describe('LeNet-BN on wasm with the fast paths', () => {
  beforeAll(async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
  });
  afterAll(() => {
    registerRuntimeKernels();
  });

  it.each([
    ['LeNet-BN', plan],
    [
      'a net whose first conv is strided, same-padded, with bias and relu',
      toyPlan([
        ['conv2d', { filters: 5, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }],
        ['batch-norm'],
        ['flatten'],
        ['dense', { units: 3 }],
      ]),
    ],
  ])("%s matches tfjs-layers' own training pass: loss and every gradient", (_name, p) => {
    const model = buildModel(p, 3);
    const vars = trainableVariables(model);
    const n = 16;
    const k = classesOf(p);
    const x = tf.tensor(seededValues(n * p.inputShape.reduce((a, b) => a * b, 1), 5), [n, ...p.inputShape]);
    const labels = tf.tensor1d(
      Array.from({ length: n }, (_, i) => i % k),
      'int32',
    );
    const y = tf.cast(tf.oneHot(labels, k), 'float32') as tf.Tensor2D;
    const grads = (f: () => tf.Tensor) =>
      tf.tidy(() => {
        const r = tf.variableGrads(() => meanLoss(y, f()), vars);
        return [r.value, ...vars.map((v) => r.grads[v.name]!)];
      });
    const ours = grads(() => forward(model, p, x, { mode: 'train' }));
    const theirs = grads(() => model.apply(x, { training: true }) as tf.Tensor);
    // A conv bias feeding batch norm has a true gradient of zero (rounding noise only).
    const largest = Math.max(...theirs.map((t) => maxDiff(t.dataSync(), t.dataSync()).scale));
    theirs.forEach((t, i) => {
      const { diff, scale } = maxDiff(ours[i]!.dataSync(), t.dataSync());
      const name = i === 0 ? 'loss' : vars[i - 1]!.name;
      expect(diff, name).toBeLessThanOrEqual(1e-4 * (scale < 1e-4 * largest ? largest : scale));
    });
    tf.dispose([x, labels, y, ...ours, ...theirs]);
    model.dispose();
  });

  it('gives the losses and weights of the plain tfjs kernels over a few steps', async () => {
    const train = async (fast: boolean) => {
      registerRuntimeKernels(fast ? [] : FAST_PATHS);
      const model = buildModel(plan, 1);
      const variables = trainableVariables(model);
      const optimizer = new Optimizer(doc.training, variables);
      const ctx = { model, plan, optimizer, variables, layers: layerHandles(model, plan, variables) };
      const losses: number[] = [];
      for (let k = 0; k < 4; k++) {
        const r = await trainStep(ctx, {
          batch: batchOf(k === 3 ? 7 : 32, k),
          dropoutSeed: k,
          lr: 0.5,
          sampleValues: null,
        });
        if (!r.ok) throw new Error(`step ${k} refused`);
        losses.push(r.loss);
      }
      const weights = weightsOf(model);
      optimizer.dispose();
      model.dispose();
      return { losses, weights };
    };
    const plain = await train(false);
    const fast = await train(true);
    fast.losses.forEach((l, k) =>
      expect(Math.abs(l - plain.losses[k]!), `step ${k}`).toBeLessThanOrEqual(
        1e-4 * Math.abs(plain.losses[k]!),
      ),
    );
    // Conv biases feeding batch norm only ever move by rounding noise: judged against the largest weight.
    const largest = Math.max(...[...plain.weights.values()].map((w) => maxDiff(w, w).scale));
    for (const [name, w] of plain.weights) {
      const { diff, scale } = maxDiff(fast.weights.get(name)!, w);
      expect(diff, name).toBeLessThanOrEqual(1e-3 * (scale < 1e-3 * largest ? largest : scale));
    }
  });
});
