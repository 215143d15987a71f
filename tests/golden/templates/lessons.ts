import type { Doc } from '../../../src/graph/document';
import type { ParamValue } from '../../../src/layers/spec';
import { FASHION_MNIST, imageInput, TemplateBuilder, type ChainLayer } from './builder';

/**
 * Variants of d2l's LeNet and LeNet-BN (chapter "Batch Normalization") for the batch-norm
 * lessons: each changes one thing, so a lesson can train it beside the original.
 */

/** d2l's settings: SGD, batch 256, 10 epochs, the full training set, seeded. */
const D2L = {
  seed: 1,
  trainLimit: null,
  validation: { kind: 'test-set' },
  optimizer: 'sgd',
  batchSize: 256,
  epochs: 10,
} as const;

const conv = (filters: number, useBias = true): Record<string, ParamValue> => ({
  filters,
  kernelSize: 5,
  padding: 'valid',
  activation: 'linear',
  useBias,
});
const dense = (units: number, useBias = true): Record<string, ParamValue> => ({
  units,
  activation: 'linear',
  useBias,
});
const sigmoid = { activation: 'sigmoid' } as const;
const pool = { poolSize: 2, strides: 2, padding: 'valid' } as const;
const bn = { momentum: 0.9, epsilon: 1e-5 } as const;

/** Builds LeNet from its stages; `stage(i)` gives the layers between a conv/dense and the next stage. */
function lenet(name: string, lr: number, stages: (i: number, weighted: ChainLayer) => ChainLayer[]): Doc {
  const b = new TemplateBuilder(name, FASHION_MNIST, { ...D2L, learningRate: lr });
  let last = b.chain(imageInput(b), stages(1, ['conv1', 'conv2d', conv(6)]));
  last = b.chain(last, [['pool1', 'avg-pool2d', pool], ...stages(2, ['conv2', 'conv2d', conv(16)])]);
  last = b.chain(last, [
    ['pool2', 'avg-pool2d', pool],
    ['flatten', 'flatten'],
    ...stages(3, ['dense1', 'dense', dense(120)]),
    ...stages(4, ['dense2', 'dense', dense(84)]),
    ['dense3', 'dense', dense(10)],
  ]);
  b.add('output', 'output', {}, { from: last });
  return b.build();
}

/** LeNet-BN with each batch norm after its sigmoid instead of before it. */
export const lenetBnAfterActivation = (): Doc =>
  lenet('LeNet-BN (after activation)', 1, (i, w) => [
    w,
    [`sigmoid${i}`, 'activation', sigmoid],
    [`bn${i}`, 'batch-norm', bn],
  ]);

/** LeNet-BN without the biases of the layers before each batch norm (the mean subtraction removes them). */
export const lenetBnNoBias = (): Doc =>
  lenet('LeNet-BN (no bias before BN)', 1, (i, [id, kind, params]) => [
    [id, kind, { ...params, useBias: false }],
    [`bn${i}`, 'batch-norm', bn],
    [`sigmoid${i}`, 'activation', sigmoid],
  ]);

/** LeNet with dropout (rate 0.5, d2l's dropout chapter) after the two hidden dense layers, and no batch norm. */
export const lenetDropout = (): Doc =>
  lenet('LeNet with dropout', 0.9, (i, w) =>
    i <= 2
      ? [w, [`sigmoid${i}`, 'activation', sigmoid]]
      : [w, [`sigmoid${i}`, 'activation', sigmoid], [`dropout${i - 2}`, 'dropout', { rate: 0.5 }]],
  );
