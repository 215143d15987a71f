import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan, PlanNode } from '../compiler/plan';
import type { LayerInfo } from '../training/health';

type LayerVariable = tfl.LayersModel['weights'][number];

/** A batch-norm layer's variables (running averages always; gamma/beta when enabled). */
export interface BatchNormHandles {
  movingMean: tf.Variable;
  movingVariance: tf.Variable;
  /** Indices of gamma and beta in the run's trainable variables (null when off). */
  gamma: number | null;
  beta: number | null;
}

/** What the statistics need to know about one plan node, found once per run. */
export interface LayerHandle {
  node: PlanNode;
  /** Position in the plan. */
  index: number;
  /** Indices of the layer's own weights in the run's trainable variables. */
  varIndices: number[];
  /** Trainable parameters of the layer. */
  paramCount: number;
  /** The function that produced the output, when it matters for health ('relu', 'sigmoid', 'tanh'...). */
  activation: string | null;
  /** Output values per example. */
  perExample: number;
  batchNorm: BatchNormHandles | null;
}

/** The activation a node applies last (an Activation layer's function, or a fused one). */
export function outputActivation(node: PlanNode): string | null {
  if (node.className === 'LeakyReLU') return 'leaky-relu';
  const fn = node.config.activation;
  return typeof fn === 'string' && fn !== 'linear' ? fn : null;
}

const endsWith = (w: LayerVariable, name: string): boolean =>
  w.originalName === name || w.originalName.endsWith(`/${name}`);

/** The batch-norm variables of a layer, or null for other layers. */
function batchNormHandles(
  node: PlanNode,
  layer: ReturnType<tfl.LayersModel['getLayer']>,
  indexOf: (w: LayerVariable) => number,
): BatchNormHandles | null {
  if (node.className !== 'BatchNormalization') return null;
  const find = (name: string) => layer.weights.find((w) => endsWith(w, name));
  const mean = find('moving_mean');
  const variance = find('moving_variance');
  if (!mean || !variance) return null;
  const gamma = find('gamma');
  const beta = find('beta');
  return {
    movingMean: mean.read() as tf.Variable,
    movingVariance: variance.read() as tf.Variable,
    gamma: gamma ? indexOf(gamma) : null,
    beta: beta ? indexOf(beta) : null,
  };
}

/**
 * Maps every plan node to its layer's variables in `variables` (the run's trainable
 * variables, in the order the optimizer and the gradients use).
 */
export function layerHandles(
  model: tfl.LayersModel,
  plan: ModelPlan,
  variables: readonly tf.Variable[],
): LayerHandle[] {
  return plan.nodes.map((node, index) => {
    const layer = model.getLayer(node.id);
    const indexOf = (w: LayerVariable): number => variables.indexOf(w.read() as tf.Variable);
    const varIndices = layer.trainableWeights.map(indexOf).filter((i) => i >= 0);
    return {
      node,
      index,
      varIndices,
      paramCount: varIndices.reduce((n, i) => n + variables[i]!.size, 0),
      activation: outputActivation(node),
      perExample: node.outputShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1),
      batchNorm: batchNormHandles(node, layer, indexOf),
    };
  });
}

/** The health rules' view of the layers (see src/training/health.ts). */
export function healthInfos(layers: readonly LayerHandle[]): LayerInfo[] {
  return layers.map((h) => {
    const c = h.node.config;
    return {
      nodeId: h.node.id,
      name: h.node.name,
      activation: h.activation,
      paramCount: h.paramCount,
      batchNorm: h.batchNorm
        ? {
            momentum: typeof c.momentum === 'number' ? c.momentum : 0.99,
            epsilon: typeof c.epsilon === 'number' ? c.epsilon : 1e-3,
          }
        : null,
    };
  });
}
