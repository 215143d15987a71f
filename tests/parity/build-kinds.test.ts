import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePlan, type ModelPlan } from '../../src/compiler/plan';
import type { Doc } from '../../src/graph/document';
import type { ParamValue } from '../../src/layers/spec';
import { setupBackend } from '../../src/runtime/backend';
import { buildModel } from '../../src/runtime/build-model';
import { forward } from '../../src/runtime/forward';
import { chain, graph } from '../unit/core/doc-helpers';
import { nodeWasmDir } from '../helpers/tf-backends';

type Chain = [string, Record<string, ParamValue>?][];

/** Small chains that use every kind the runtime builds (with the Add/Concatenate graphs below). */
const MODELS: Record<string, Chain> = {
  depthwise: [
    ['depthwise-conv2d', { depthMultiplier: 2, strides: 2, activation: 'relu' }],
    ['global-max-pool2d'],
    ['dense', { units: 10 }],
  ],
  layerNorm: [
    ['conv2d', { filters: 4, initializer: 'leCunUniform' }],
    ['layer-norm'],
    ['global-avg-pool2d'],
    ['dense', { units: 10, initializer: 'heUniform' }],
  ],
  activations: [
    ['flatten'],
    ['dense', { units: 8, activation: 'gelu', initializer: 'glorotNormal' }],
    ['activation', { activation: 'leaky-relu', alpha: 0.1 }],
    ['activation', { activation: 'elu' }],
    ['activation', { activation: 'swish' }],
    ['dense', { units: 10, initializer: 'leCunNormal' }],
  ],
  reshape: [
    ['flatten'],
    ['reshape', { targetShape: '-1,14,4' }],
    ['conv2d', { filters: 2, kernelSize: 3 }],
    ['flatten'],
    ['dense', { units: 10 }],
  ],
};

/** Two branches joined by a merge layer: a residual block, or an Inception-like concatenation. */
const branches = (merge: 'add' | 'concatenate'): Doc =>
  graph(
    [
      ['in', 'input'],
      ['a', 'conv2d', { filters: 4, padding: 'same', strides: 2 }],
      ['b', 'conv2d', { filters: 4, padding: 'same', activation: 'relu' }],
      ['c', 'conv2d', { filters: 4, kernelSize: 1 }],
      ['m', merge],
      ['g', 'global-avg-pool2d'],
      ['fc', 'dense', { units: 10 }],
      ['out', 'output'],
    ],
    [
      ['in', 'a'],
      ['a', 'b'],
      ['a', 'c'],
      ['c', 'm', 1],
      ['b', 'm', 0],
      ['m', 'g'],
      ['g', 'fc'],
      ['fc', 'out'],
    ],
  );

const DOCS: Record<string, () => Doc> = {
  ...Object.fromEntries(
    Object.entries(MODELS).map(([k, layers]) => [k, () => chain([['input'], ...layers, ['output']])]),
  ),
  add: () => branches('add'),
  concatenate: () => branches('concatenate'),
};

function planOf(doc: Doc): ModelPlan {
  const r = compilePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.error.map((d) => d.message)));
  return r.value;
}

/** Builds the model and takes one gradient of the cross-entropy; returns the loss and the largest gradient. */
function oneGradient(plan: ModelPlan): { loss: number; maxGrad: number; weights: number } {
  const model = buildModel(plan, 3);
  try {
    const weights = model.countParams();
    const x = tf.randomUniform([4, ...plan.inputShape], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 10);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const logits = forward(model, plan, x, { mode: 'train', dropoutSeed: 1 });
      return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
    }, vars);
    const loss = value.dataSync()[0]!;
    const maxGrad = Math.max(...Object.values(grads).map((g) => tf.max(tf.abs(g)).dataSync()[0]!));
    tf.dispose([x, y, value, ...Object.values(grads)]);
    return { loss, maxGrad, weights };
  } finally {
    model.dispose();
  }
}

describe.each(['cpu', 'wasm'] as const)('every layer kind builds and trains (%s)', (backend) => {
  afterAll(async () => {
    await setupBackend('cpu');
  });
  // tfjs 4.22's wasm backend has no DepthwiseConv2dNativeBackprop{Filter,Input} kernels, so
  // depthwise convolutions train on the cpu backend only (until the runtime registers them).
  const names = Object.keys(DOCS).filter((n) => backend === 'cpu' || n !== 'depthwise');
  it.each(names)('%s', async (name) => {
    await setupBackend(backend, { wasmPaths: nodeWasmDir() });
    const plan = planOf(DOCS[name]!());
    const r = oneGradient(plan);
    expect(r.weights).toBe(plan.params.trainable + plan.params.nonTrainable);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.maxGrad).toBeGreaterThan(0);
  });
});

describe('initializers', () => {
  const kernelOf = (initializer: string, seed: number): Float32Array => {
    const plan = planOf(
      chain([
        ['input'],
        ['flatten'],
        ['dense', { units: 64, initializer }],
        ['dense', { units: 10 }],
        ['output'],
      ]),
    );
    const model = buildModel(plan, seed);
    const values = model.getLayer(plan.nodes[1]!.id).getWeights()[0]!.dataSync() as Float32Array;
    model.dispose();
    return values;
  };

  it('seeds whichever initializer a layer names', async () => {
    await setupBackend('cpu');
    expect(kernelOf('heNormal', 5)).toEqual(kernelOf('heNormal', 5));
    expect(kernelOf('heNormal', 5)).not.toEqual(kernelOf('heNormal', 6));
    // He normal: a truncated normal with std sqrt(2 / fan_in); fan_in = 784 here.
    const he = kernelOf('heNormal', 5);
    const std = Math.sqrt(he.reduce((s, v) => s + v * v, 0) / he.length);
    expect(std).toBeGreaterThan(0.8 * Math.sqrt(2 / 784));
    expect(std).toBeLessThan(1.2 * Math.sqrt(2 / 784));
    // Glorot uniform: limit sqrt(6 / (fan_in + fan_out)).
    const glorot = kernelOf('glorotUniform', 5);
    expect(Math.max(...glorot.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / (784 + 64)));
  });
});
