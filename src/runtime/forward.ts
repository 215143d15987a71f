import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan, PlanNode } from '../compiler/plan';
import { layerSeed } from './build-model';

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

/** The current value of one of a batch-norm layer's weights, by its Keras name ('gamma', 'beta'). */
function bnWeight(layer: Layer, name: string): tf.Tensor | undefined {
  const v = layer.weights.find((w) => w.originalName === name || w.originalName.endsWith(`/${name}`));
  return v?.read();
}

/** Batch norm with the batch's own mean and (biased) variance, like tfjs's training path, writing nothing back. */
function batchNormWithBatchStats(layer: Layer, node: PlanNode, x: tf.Tensor): tf.Tensor {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const { mean, variance } = tf.moments(x, axes);
  const epsilon = typeof node.config.epsilon === 'number' ? node.config.epsilon : 1e-3;
  return tf.batchNorm(x, mean, variance, bnWeight(layer, 'beta'), bnWeight(layer, 'gamma'), epsilon);
}

/** Applies one node in the given mode. */
function applyNode(
  layer: Layer,
  node: PlanNode,
  index: number,
  input: tf.Tensor | tf.Tensor[],
  opts: ForwardOptions,
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
    const output = applyNode(model.getLayer(node.id), node, index, input, opts);
    values.set(node.id, opts.tap ? opts.tap(node, index, output) : output);
  });
  return values.get(plan.outputId)!;
}

/** True when the plan has a layer whose training behaviour differs from prediction (batch norm). */
export const hasBatchStatistics = (plan: ModelPlan): boolean =>
  plan.nodes.some((n) => n.className === 'BatchNormalization');
