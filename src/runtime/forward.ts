import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan, PlanNode } from '../compiler/plan';
import { layerSeed } from './build-model';
import { batchNormTrain, hasBatchNormTrain } from './kernels/batch-norm';
import { biasAdd, hasBiasAdd } from './kernels/bias-add';

/**
 * How a forward pass treats the layers that behave differently while training:
 * - 'train': batch norm normalises with the batch statistics and updates its running
 *   averages (tfjs's own training path); dropout drops, with a mask seeded per step.
 * - 'predict': running averages, no dropout (inference).
 * - 'batch-stats': batch norm normalises with the statistics of this batch but updates
 *   nothing; no dropout. This is "training-mode evaluation": weights and running
 *   statistics stay bit-identical, which tfjs's `training: true` cannot give.
 */
export type ForwardMode = 'train' | 'predict' | 'batch-stats';

/** Options of one forward pass. */
export interface ForwardOptions {
  mode: ForwardMode;
  /** Seed of this step's dropout masks ('train' only); vary it per step. */
  dropoutSeed?: number;
  /**
   * Sees each node's output, in plan order, and returns the tensor the rest of the
   * model reads instead (statistics add their gradient probes here).
   */
  tap?: (node: PlanNode, index: number, output: tf.Tensor) => tf.Tensor;
}

type Layer = ReturnType<tfl.LayersModel['getLayer']>;

/** The current value of one of a layer's weights, by its Keras name ('gamma', 'kernel'...). */
function layerWeight(layer: Layer, name: string): tf.Tensor | undefined {
  const v = layer.weights.find((w) => w.originalName === name || w.originalName.endsWith(`/${name}`));
  return v?.read();
}

const numberOr = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/** tfjs-layers' running-average update, op for op (so running statistics match its training path). */
function movingAverage(layer: Layer, name: string, value: tf.Tensor, momentum: number): void {
  const v = layer.weights.find((w) => w.originalName === name || w.originalName.endsWith(`/${name}`));
  if (!v) throw new Error(`batch norm layer '${layer.name}' has no ${name}`);
  tf.tidy(() => {
    const orig = v.read();
    v.write(tf.sub(orig, tf.mul(tf.sub(orig, value), 1 - momentum)));
  });
}

/**
 * Batch norm with the batch's statistics through our fused kernel (one kernel forward,
 * one backward, see kernels/batch-norm.ts); with `update`, the running averages move
 * exactly as in tfjs-layers. Null when the kernel is not registered for the active
 * backend or the layer does not normalise the last axis (tfjs's own path then).
 */
function fusedBatchNorm(layer: Layer, node: PlanNode, x: tf.Tensor, update: boolean): tf.Tensor | null {
  const axis = node.config.axis;
  if (!hasBatchNormTrain(tf.getBackend()) || (axis !== undefined && axis !== -1 && axis !== x.rank - 1))
    return null;
  const c = x.shape[x.rank - 1]!;
  const gamma = layerWeight(layer, 'gamma') ?? tf.ones([c]);
  const beta = layerWeight(layer, 'beta') ?? tf.zeros([c]);
  const { y, mean, variance } = batchNormTrain(x, gamma, beta, numberOr(node.config.epsilon, 1e-3));
  if (update) {
    const momentum = numberOr(node.config.momentum, 0.99);
    movingAverage(layer, 'moving_mean', mean, momentum);
    movingAverage(layer, 'moving_variance', variance, momentum);
  }
  return y;
}

/** Batch norm with the batch's own mean and (biased) variance, like tfjs's training path, writing nothing back. */
function batchNormWithBatchStats(layer: Layer, node: PlanNode, x: tf.Tensor): tf.Tensor {
  const fused = fusedBatchNorm(layer, node, x, false);
  if (fused) return fused;
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  const epsilon = numberOr(node.config.epsilon, 1e-3);
  return tf.batchNorm(x, mean, variance, layerWeight(layer, 'beta'), layerWeight(layer, 'gamma'), epsilon);
}

/** The parts of a tf.layers Conv2D the plain convolution below reads. */
interface ConvLayer {
  activation?: { apply(x: tf.Tensor): tf.Tensor };
}

const pair = (v: unknown): [number, number] | null =>
  typeof v === 'number' ? [v, v] : Array.isArray(v) && v.length === 2 ? (v as [number, number]) : null;

/**
 * A Conv2D that reads the model's input, as a plain convolution plus bias: tfjs's fused
 * convolution (which tf.layers uses) computes the gradient of its input along with its
 * filter's, and nobody needs the gradient of the data: for LeNet that is a large share
 * of a step. The result is the same convolution, bias and activation. Null when the
 * layer is configured in a way this does not cover (tf.layers then runs it).
 */
function inputConv(layer: Layer, node: PlanNode, x: tf.Tensor): tf.Tensor | null {
  const c = node.config;
  const strides = pair(c.strides ?? 1);
  const dilations = pair(c.dilationRate ?? 1);
  const pad = c.padding ?? 'valid';
  const kernel = layerWeight(layer, 'kernel');
  const activation = (layer as unknown as ConvLayer).activation;
  if (x.rank !== 4 || !strides || !dilations || (pad !== 'valid' && pad !== 'same') || !kernel || !activation)
    return null;
  if (c.dataFormat !== undefined && c.dataFormat !== 'channelsLast') return null;
  const bias = c.useBias === false ? undefined : layerWeight(layer, 'bias');
  let y: tf.Tensor = tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, strides, pad, 'NHWC', dilations);
  if (bias) y = hasBiasAdd(tf.getBackend()) ? biasAdd(y, bias) : tf.add(y, bias);
  return activation.apply(y);
}

/** Applies one node in the given mode. */
function applyNode(
  layer: Layer,
  node: PlanNode,
  index: number,
  input: tf.Tensor | tf.Tensor[],
  opts: ForwardOptions,
  readsInput: boolean,
): tf.Tensor {
  const single = Array.isArray(input) ? input[0]! : input;
  if (node.className === 'Dropout') {
    const rate = typeof node.config.rate === 'number' ? node.config.rate : 0;
    if (opts.mode !== 'train' || rate <= 0) return single;
    // tf.layers' Dropout reuses one seed, so with a seed it would drop the same units every step.
    return tf.dropout(single, rate, undefined, layerSeed(opts.dropoutSeed ?? 0, index));
  }
  if (node.className === 'BatchNormalization' && opts.mode === 'batch-stats') {
    return batchNormWithBatchStats(layer, node, single);
  }
  // Only a training pass differentiates; there the data's gradient is not wanted.
  if (node.className === 'Conv2D' && opts.mode === 'train' && readsInput && !Array.isArray(input)) {
    const conv = inputConv(layer, node, input);
    if (conv) return conv;
  }
  if (node.className === 'BatchNormalization' && opts.mode === 'train') {
    const fused = fusedBatchNorm(layer, node, single, true);
    if (fused) return fused;
  }
  return layer.apply(input, { training: opts.mode === 'train' }) as tf.Tensor;
}

/**
 * Runs the model node by node in plan order and returns the logits. Call it inside
 * tf.tidy (or a gradient function): intermediate tensors are left to the caller's scope.
 */
export function forward(
  model: tfl.LayersModel,
  plan: ModelPlan,
  x: tf.Tensor,
  opts: ForwardOptions,
): tf.Tensor {
  const values = new Map<string, tf.Tensor>([[plan.inputId, x]]);
  plan.nodes.forEach((node, index) => {
    const inputs = node.inputs.map((id) => values.get(id)!);
    const input = inputs.length === 1 ? inputs[0]! : inputs;
    const readsInput = node.inputs.length === 1 && node.inputs[0] === plan.inputId;
    const output = applyNode(model.getLayer(node.id), node, index, input, opts, readsInput);
    values.set(node.id, opts.tap ? opts.tap(node, index, output) : output);
  });
  return values.get(plan.outputId)!;
}

/** True when the plan has a layer whose training behaviour differs from prediction (batch norm). */
export const hasBatchStatistics = (plan: ModelPlan): boolean =>
  plan.nodes.some((n) => n.className === 'BatchNormalization');
