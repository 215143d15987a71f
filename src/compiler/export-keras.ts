import type { Doc } from '../graph/document';
import { exportGraph, py, type ExportNode } from './export-common';
import type { ModelPlan } from './plan';

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** tfjs identifiers that Python Keras spells differently. */
const VALUES: Readonly<Record<string, string>> = {
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  heNormal: 'he_normal',
  heUniform: 'he_uniform',
  leCunNormal: 'lecun_normal',
  leCunUniform: 'lecun_uniform',
  channelsLast: 'channels_last',
};

function kerasArgs(e: ExportNode): string {
  const args = Object.entries(e.node.config).map(([k, v]) => {
    const value = typeof v === 'string' ? (VALUES[v] ?? v) : v;
    // tf.keras 2.x names LeakyReLU's slope `alpha` (Keras 3: negative_slope).
    return `${snake(k)}=${py(value)}`;
  });
  return [...args, `name=${py(e.node.id)}`].join(', ');
}

function optimizerLine(doc: Doc): string {
  const c = doc.training;
  switch (c.optimizer) {
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${c.learningRate}, momentum=${c.momentum}, nesterov=${py(c.nesterov)})`;
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${c.learningRate}, beta_1=${c.beta1}, beta_2=${c.beta2}, epsilon=${c.epsilon})`;
    case 'adamw':
      return `keras.optimizers.AdamW(learning_rate=${c.learningRate}, weight_decay=${c.weightDecay}, beta_1=${c.beta1}, beta_2=${c.beta2}, epsilon=${c.epsilon})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${c.learningRate}, rho=${c.rho}, momentum=${c.momentum}, epsilon=${c.epsilon})`;
  }
}

/**
 * Exports a compiled model as a tf.keras (TensorFlow 2) functional model in Python: one
 * `layers.<Class>(...)` call per plan node with the same config (snake_case), named by the
 * node id, plus a short training entry point with the project's optimizer, batch size and
 * epochs on Fashion-MNIST read from its IDX files. Keras's epsilon and L2 conventions differ
 * slightly from the app's PyTorch-style optimizers; the header says where.
 */
export function exportKeras(doc: Doc, plan: ModelPlan): string {
  const g = exportGraph(plan);
  const lines = g.nodes.map((e) => {
    const ins = e.node.inputs.map((i) => g.identOf.get(i)!);
    const arg = ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`;
    return `    ${e.ident} = layers.${e.node.className}(${kerasArgs(e)})(${arg})`;
  });
  const c = doc.training;
  const loss =
    plan.head.kind === 'classification'
      ? 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)'
      : py(plan.head.loss === 'mse' ? 'mean_squared_error' : 'mean_absolute_error');
  return `"""${doc.name.replace(/"""/g, "'''") || 'Model'}: exported from Layerloom as a tf.keras functional model.

The model outputs logits; the app's Output head (softmax + cross-entropy) is the loss.
Notes: Keras adds Adam's epsilon to sqrt(v_hat) like PyTorch but applies weight decay only
in AdamW (the app's L2 decay for SGD/Adam/RMSprop = ${c.weightDecay} is not reproduced here);
the learning-rate schedule (${c.schedule.kind}) is not reproduced either.
"""
import gzip
import os
import struct

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


def build_model(seed=${c.seed}):
    keras.utils.set_random_seed(seed)
    ${g.inputIdent} = keras.Input(shape=${py(plan.inputShape)}, name=${py(plan.inputId)})
${lines.join('\n')}
    return keras.Model(${g.inputIdent}, ${g.identOf.get(plan.outputId)!}, name="layerloom")


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(data_dir, split):
    x = read_idx(os.path.join(data_dir, split + "-images-idx3-ubyte.gz")).astype("float32") / 255.0
    y = read_idx(os.path.join(data_dir, split + "-labels-idx1-ubyte.gz")).astype("int64")
    return x.reshape((len(x),) + ${py(plan.inputShape)}), y


if __name__ == "__main__":
    import sys
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "fashion-mnist"
    model = build_model()
    model.summary()
    model.compile(optimizer=${optimizerLine(doc)}, loss=${loss}, metrics=["accuracy"])
    x, y = load_split(data_dir, "train")
    tx, ty = load_split(data_dir, "t10k")
    model.fit(x, y, batch_size=${c.batchSize}, epochs=${c.epochs}, validation_data=(tx, ty), shuffle=True)
`;
}
