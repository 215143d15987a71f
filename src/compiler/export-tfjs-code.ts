import type { Doc } from '../graph/document';
import { exportGraph } from './export-common';
import type { ModelPlan } from './plan';

/** The package the generated code imports (text in the output; this module never loads tfjs). */
const TFJS_PACKAGE = '@tensorflow/tfjs';

/** tf.layers factory names by Keras class. */
const FACTORY: Readonly<Record<string, string>> = {
  Conv2D: 'conv2d',
  DepthwiseConv2D: 'depthwiseConv2d',
  Dense: 'dense',
  BatchNormalization: 'batchNormalization',
  LayerNormalization: 'layerNormalization',
  Activation: 'activation',
  LeakyReLU: 'leakyReLU',
  MaxPooling2D: 'maxPooling2d',
  AveragePooling2D: 'averagePooling2d',
  GlobalAveragePooling2D: 'globalAveragePooling2d',
  GlobalMaxPooling2D: 'globalMaxPooling2d',
  Flatten: 'flatten',
  Reshape: 'reshape',
  Add: 'add',
  Concatenate: 'concatenate',
  Dropout: 'dropout',
};

function optimizerExpr(doc: Doc): string {
  const c = doc.training;
  switch (c.optimizer) {
    case 'sgd':
      return c.momentum > 0
        ? `tf.train.momentum(${c.learningRate}, ${c.momentum}, ${c.nesterov})`
        : `tf.train.sgd(${c.learningRate})`;
    case 'adam':
    case 'adamw':
      return `tf.train.adam(${c.learningRate}, ${c.beta1}, ${c.beta2}, ${c.epsilon})`;
    case 'rmsprop':
      return `tf.train.rmsprop(${c.learningRate}, ${c.rho}, ${c.momentum}, ${c.epsilon})`;
  }
}

/**
 * Exports a compiled model as TypeScript for TensorFlow.js: `buildModel()` makes the same
 * functional tf.layers model the app trains (layer names = node ids, the plan's configs),
 * and `compileModel()` attaches the project's optimizer and loss (tfjs's stock optimizers:
 * no schedule, no weight decay; AdamW falls back to Adam).
 */
export function exportTfjsCode(doc: Doc, plan: ModelPlan): string {
  const g = exportGraph(plan);
  const lines = g.nodes.map((e) => {
    const factory = FACTORY[e.node.className];
    if (!factory) throw new Error(`no tfjs export for class ${e.node.className}`);
    const ins = e.node.inputs.map((i) => g.identOf.get(i)!);
    const arg = ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`;
    const config = JSON.stringify({ ...e.node.config, name: e.node.id });
    return `  const ${e.ident} = tf.layers.${factory}(${config}).apply(${arg}) as tf.SymbolicTensor;`;
  });
  const loss =
    plan.head.kind === 'classification'
      ? `'categoricalCrossentropy'`
      : `'${plan.head.loss === 'mse' ? 'meanSquaredError' : 'meanAbsoluteError'}'`;
  const out = g.identOf.get(plan.outputId)!;
  const softmax =
    plan.head.kind === 'classification'
      ? `\n  // The app's Output head: softmax here, cross-entropy in compileModel().\n  const probs = tf.layers.activation({ activation: 'softmax', name: 'layerloom_softmax' }).apply(${out}) as tf.SymbolicTensor;`
      : '';
  return `// ${doc.name.replace(/\n/g, ' ') || 'Model'}: exported from Layerloom.
import * as tf from '${TFJS_PACKAGE}';

/** The model: example shape ${JSON.stringify(plan.inputShape)}, ${plan.params.trainable} trainable parameters. */
export function buildModel(): tf.LayersModel {
  const ${g.inputIdent} = tf.input({ shape: ${JSON.stringify(plan.inputShape)}, name: ${JSON.stringify(plan.inputId)} });
${lines.join('\n')}${softmax}
  return tf.model({ inputs: ${g.inputIdent}, outputs: ${plan.head.kind === 'classification' ? 'probs' : out}, name: 'layerloom' });
}

/** Compiles the model with the project's optimizer (batch size ${doc.training.batchSize}, ${doc.training.epochs} epochs in the app). */
export function compileModel(model: tf.LayersModel): void {
  model.compile({ optimizer: ${optimizerExpr(doc)}, loss: ${loss}, metrics: ['accuracy'] });
}
`;
}
