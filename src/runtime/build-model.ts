import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan, PlanNode } from '../compiler/plan';

type Layer = ReturnType<tfl.LayersModel['getLayer']>;
type SymbolicTensor = ReturnType<typeof tfl.input>;
type LayerFactory = (config: Record<string, unknown>) => Layer;

/** tfjs layer factories by the Keras class name the plan carries. */
const FACTORIES: Readonly<Record<string, LayerFactory>> = {
  Conv2D: (c) => tfl.layers.conv2d(c as unknown as Parameters<typeof tfl.layers.conv2d>[0]),
  Dense: (c) => tfl.layers.dense(c as unknown as Parameters<typeof tfl.layers.dense>[0]),
  BatchNormalization: (c) => tfl.layers.batchNormalization(c),
  Activation: (c) => tfl.layers.activation(c as unknown as Parameters<typeof tfl.layers.activation>[0]),
  MaxPooling2D: (c) => tfl.layers.maxPooling2d(c as unknown as Parameters<typeof tfl.layers.maxPooling2d>[0]),
  AveragePooling2D: (c) =>
    tfl.layers.averagePooling2d(c as unknown as Parameters<typeof tfl.layers.averagePooling2d>[0]),
  Flatten: (c) => tfl.layers.flatten(c),
  Dropout: (c) => tfl.layers.dropout(c as unknown as Parameters<typeof tfl.layers.dropout>[0]),
};

/** Thrown when a plan cannot be turned into a model (the trainer reports it as 'train/plan'). */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
  }
}

/**
 * A 31-bit seed for one layer, mixed from the run seed and the layer's index so
 * that neighbouring layers (and neighbouring run seeds) get unrelated streams.
 */
export function layerSeed(runSeed: number, index: number, salt = 0): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/** The layer config with our name and seeded initialisers in place of the plan's names for them. */
function layerConfig(node: PlanNode, seed: number): Record<string, unknown> {
  const config: Record<string, unknown> = { ...node.config, name: node.id };
  if ('kernelInitializer' in config) config.kernelInitializer = tfl.initializers.glorotUniform({ seed });
  if ('biasInitializer' in config) config.biasInitializer = tfl.initializers.zeros();
  if (node.className === 'Dropout') config.seed = seed;
  return config;
}

/** Creates the tfjs layer of one plan node. */
export function createLayer(node: PlanNode, seed: number): Layer {
  const factory = FACTORIES[node.className];
  if (!factory)
    throw new PlanError(
      `Layer '${node.name}' has a class the runtime cannot build: ${node.className}`,
      node.id,
    );
  try {
    return factory(layerConfig(node, seed));
  } catch (e) {
    throw new PlanError(`Layer '${node.name}' could not be created: ${(e as Error).message}`, node.id);
  }
}

/** Connects one node to its (already built) inputs. */
function connect(layer: Layer, node: PlanNode, outputs: Map<string, SymbolicTensor>): SymbolicTensor {
  const inputs = node.inputs.map((id) => {
    const t = outputs.get(id);
    if (!t)
      throw new PlanError(`Layer '${node.name}' reads '${id}', which the plan has not built yet`, node.id);
    return t;
  });
  try {
    return layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as SymbolicTensor;
  } catch (e) {
    throw new PlanError(`Layer '${node.name}' does not fit its input: ${(e as Error).message}`, node.id);
  }
}

/**
 * Builds the functional tf.layers model of a plan. Layer names are the plan's node ids
 * (so statistics map back to canvas nodes); the output is the logits of `plan.outputId`:
 * the classification head (softmax + cross-entropy) is applied by the loss, not the model.
 * Kernels are glorot-uniform with a seed from `seed` and the layer's index, biases zero,
 * so one seed always gives the same weights.
 * @throws PlanError naming the node when the plan cannot be built.
 */
export function buildModel(plan: ModelPlan, seed: number): tfl.LayersModel {
  const input = tfl.input({ shape: plan.inputShape, name: plan.inputId });
  const outputs = new Map<string, SymbolicTensor>([[plan.inputId, input]]);
  plan.nodes.forEach((node, index) => {
    outputs.set(node.id, connect(createLayer(node, layerSeed(seed, index)), node, outputs));
  });
  const logits = outputs.get(plan.outputId);
  if (!logits) throw new PlanError(`The plan's output node '${plan.outputId}' is not among its layers`);
  return tfl.model({ inputs: input, outputs: logits, name: 'layerloom' });
}
