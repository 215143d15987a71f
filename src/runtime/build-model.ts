import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan, PlanNode } from '../compiler/plan';
import { failureMessage, type FailureText } from '../training/failure-text';

type Layer = ReturnType<tfl.LayersModel['getLayer']>;
type SymbolicTensor = ReturnType<typeof tfl.input>;
type LayerFactory = (config: Record<string, unknown>) => Layer;
type Initializer = ReturnType<typeof tfl.initializers.glorotUniform>;

/** Adapts a tfjs factory to the plan's plain config (the compiler wrote it for that class). */
const make =
  <A>(factory: (args: A) => Layer): LayerFactory =>
  (c) =>
    factory(c as unknown as A);

/** tfjs layer factories by the Keras class name the plan carries. */
const FACTORIES: Readonly<Record<string, LayerFactory>> = {
  Conv2D: make(tfl.layers.conv2d),
  DepthwiseConv2D: make(tfl.layers.depthwiseConv2d),
  Dense: make(tfl.layers.dense),
  BatchNormalization: make(tfl.layers.batchNormalization),
  LayerNormalization: make(tfl.layers.layerNormalization),
  Activation: make(tfl.layers.activation),
  LeakyReLU: make(tfl.layers.leakyReLU),
  MaxPooling2D: make(tfl.layers.maxPooling2d),
  AveragePooling2D: make(tfl.layers.averagePooling2d),
  GlobalAveragePooling2D: make(tfl.layers.globalAveragePooling2d),
  GlobalMaxPooling2D: make(tfl.layers.globalMaxPooling2d),
  Flatten: make(tfl.layers.flatten),
  Reshape: make(tfl.layers.reshape),
  Add: make(tfl.layers.add),
  Concatenate: make(tfl.layers.concatenate),
  Dropout: make(tfl.layers.dropout),
};

/** Seeded initialisers by the names the plan carries (the layer specs' initializer options). */
const INITIALIZERS: Readonly<Record<string, (seed: number) => Initializer>> = {
  glorotUniform: (seed) => tfl.initializers.glorotUniform({ seed }),
  glorotNormal: (seed) => tfl.initializers.glorotNormal({ seed }),
  heNormal: (seed) => tfl.initializers.heNormal({ seed }),
  heUniform: (seed) => tfl.initializers.heUniform({ seed }),
  leCunNormal: (seed) => tfl.initializers.leCunNormal({ seed }),
  leCunUniform: (seed) => tfl.initializers.leCunUniform({ seed }),
};

/** The seeded initialiser a plan names; throws PlanError for a name the runtime does not know. */
function seededInitializer(node: PlanNode, name: unknown, seed: number): Initializer {
  const init = typeof name === 'string' ? INITIALIZERS[name] : undefined;
  if (!init)
    throw new PlanError(
      { key: 'plan-initializer', values: { layer: node.name, name: String(name) } },
      node.id,
    );
  return init(seed);
}

/** Thrown when a plan cannot be turned into a model (the trainer reports it as 'train/plan'). */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    readonly text: FailureText,
    readonly nodeId?: string,
  ) {
    super(failureMessage(text));
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
  for (const key of ['kernelInitializer', 'depthwiseInitializer']) {
    if (key in config) config[key] = seededInitializer(node, config[key], seed);
  }
  if ('biasInitializer' in config) config.biasInitializer = tfl.initializers.zeros();
  if (node.className === 'Dropout') config.seed = seed;
  return config;
}

/** Creates the tfjs layer of one plan node. */
export function createLayer(node: PlanNode, seed: number): Layer {
  const factory = FACTORIES[node.className];
  if (!factory)
    throw new PlanError(
      { key: 'plan-class', values: { layer: node.name, className: node.className } },
      node.id,
    );
  try {
    return factory(layerConfig(node, seed));
  } catch (e) {
    const error = (e as Error).message;
    throw new PlanError({ key: 'plan-create', values: { layer: node.name, error } }, node.id);
  }
}

/** Connects one node to its (already built) inputs. */
function connect(layer: Layer, node: PlanNode, outputs: Map<string, SymbolicTensor>): SymbolicTensor {
  const inputs = node.inputs.map((id) => {
    const t = outputs.get(id);
    if (!t) throw new PlanError({ key: 'plan-order', values: { layer: node.name, input: id } }, node.id);
    return t;
  });
  try {
    return layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as SymbolicTensor;
  } catch (e) {
    const error = (e as Error).message;
    throw new PlanError({ key: 'plan-input', values: { layer: node.name, error } }, node.id);
  }
}

/**
 * Builds the functional tf.layers model of a plan. Layer names are the plan's node ids
 * (so statistics map back to canvas nodes); the output is the logits of `plan.outputId`:
 * the classification head (softmax + cross-entropy) is applied by the loss, not the model.
 * Kernels use the initializer each node names, seeded from `seed` and the layer's index;
 * biases start at zero, so one seed always gives the same weights.
 * @throws PlanError naming the node when the plan cannot be built.
 */
export function buildModel(plan: ModelPlan, seed: number): tfl.LayersModel {
  const input = tfl.input({ shape: plan.inputShape, name: plan.inputId });
  const outputs = new Map<string, SymbolicTensor>([[plan.inputId, input]]);
  plan.nodes.forEach((node, index) => {
    outputs.set(node.id, connect(createLayer(node, layerSeed(seed, index)), node, outputs));
  });
  const logits = outputs.get(plan.outputId);
  if (!logits) throw new PlanError({ key: 'plan-output', values: { output: plan.outputId } });
  return tfl.model({ inputs: input, outputs: logits, name: 'layerloom' });
}
