import type { Doc, TrainingConfig } from '../graph/document';
import { exportGraph, py, type ExportNode } from './export-common';
import { PY_LR_FACTOR, scheduleLine } from './export-schedule';
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

/** The regularizer arguments of each class with weights (what PyTorch's weight_decay reaches). */
const REGULARIZED: Readonly<Record<string, readonly string[]>> = {
  Conv2D: ['kernel_regularizer', 'bias_regularizer'],
  Dense: ['kernel_regularizer', 'bias_regularizer'],
  DepthwiseConv2D: ['depthwise_regularizer', 'bias_regularizer'],
  BatchNormalization: ['gamma_regularizer', 'beta_regularizer'],
  LayerNormalization: ['gamma_regularizer', 'beta_regularizer'],
};

/**
 * Whether the app's coupled (L2) weight decay is reproduced with regularizers: for SGD,
 * Adam and RMSprop with a decay. AdamW's decoupled decay is the optimizer's own argument.
 */
const usesL2 = (c: TrainingConfig): boolean => c.weightDecay > 0 && c.optimizer !== 'adamw';

function kerasArgs(e: ExportNode, l2: boolean): string {
  const args = Object.entries(e.node.config).map(([k, v]) => {
    const value = typeof v === 'string' ? (VALUES[v] ?? v) : v;
    // tf.keras 2.x names LeakyReLU's slope `alpha` (Keras 3: negative_slope).
    return `${snake(k)}=${py(value)}`;
  });
  const regs = l2 ? (REGULARIZED[e.node.className] ?? []).map((r) => `${r}=l2`) : [];
  return [...args, ...regs, `name=${py(e.node.id)}`].join(', ');
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

/** PyTorch's coupled weight decay (grad += wd·w) as an L2 penalty wd/2·||w||² on every weight. */
const L2_LINES = `    # The app's weight decay, PyTorch-style: the penalty WEIGHT_DECAY/2 * ||w||^2 adds
    # WEIGHT_DECAY * w to each weight's gradient (the reported loss includes the penalty).
    l2 = keras.regularizers.L2(WEIGHT_DECAY / 2)
`;

/** The docstring's sentence on weight decay. */
function decayNote(c: TrainingConfig): string {
  if (c.weightDecay === 0) return 'there is no weight decay.';
  return c.optimizer === 'adamw'
    ? `AdamW decays the weights by ${c.weightDecay} (decoupled, as torch.optim.AdamW).`
    : `the weight decay ${c.weightDecay} is an L2 penalty of half that on every weight (kernels,
biases, normalization scales and offsets), which adds weight_decay * w to each gradient as
PyTorch's weight_decay does.`;
}

/**
 * Exports a compiled model as a tf.keras (TensorFlow 2) functional model in Python: one
 * `layers.<Class>(...)` call per plan node with the same config (snake_case), named by the
 * node id, plus a short training entry point with the project's optimizer, batch size and
 * epochs on Fashion-MNIST read from its IDX files, the learning-rate schedule (warm-up, step,
 * cosine; a callback that sets the rate before every step) and the weight decay (AdamW's own
 * argument; an L2 penalty of weight_decay/2 on every weight for the other optimizers, which is
 * PyTorch's coupled decay).
 */
export function exportKeras(doc: Doc, plan: ModelPlan): string {
  const g = exportGraph(plan);
  const c = doc.training;
  const l2 = usesL2(c);
  const lines = g.nodes.map((e) => {
    const ins = e.node.inputs.map((i) => g.identOf.get(i)!);
    const arg = ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`;
    return `    ${e.ident} = layers.${e.node.className}(${kerasArgs(e, l2)})(${arg})`;
  });
  const loss =
    plan.head.kind === 'classification'
      ? 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)'
      : py(plan.head.loss === 'mse' ? 'mean_squared_error' : 'mean_absolute_error');
  return `"""${doc.name.replace(/"""/g, "'''") || 'Model'}: exported from Layerloom as a tf.keras functional model.

The model outputs logits; the app's Output head (softmax + cross-entropy) is the loss.
Training mirrors the app (and the PyTorch export): the learning-rate schedule
(${c.schedule.kind}, ${c.schedule.warmupSteps} warm-up steps) is set before every step by the
AppSchedule callback; ${decayNote(c)}
Keras adds Adam's epsilon to sqrt(v_hat) like PyTorch.
"""
import gzip
import math
import os
import struct

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

LEARNING_RATE = ${c.learningRate}
WEIGHT_DECAY = ${c.weightDecay}
${scheduleLine(c)}


${PY_LR_FACTOR}


class AppSchedule(keras.callbacks.Callback):
    """Sets the app's learning rate before every step (Keras counts batches from 0, the app steps from 1)."""

    def __init__(self, total_steps):
        super().__init__()
        self.total_steps = total_steps
        self.step = 0
        self.epoch = 1

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch + 1

    def on_train_batch_begin(self, batch, logs=None):
        self.step += 1
        self.model.optimizer.learning_rate.assign(LEARNING_RATE * lr_factor(self.step, self.epoch, self.total_steps))


def build_model(seed=${c.seed}):
    keras.utils.set_random_seed(seed)
${l2 ? L2_LINES : ''}    ${g.inputIdent} = keras.Input(shape=${py(plan.inputShape)}, name=${py(plan.inputId)})
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
    total_steps = ${c.epochs} * math.ceil(len(x) / ${c.batchSize})
    model.fit(x, y, batch_size=${c.batchSize}, epochs=${c.epochs}, validation_data=(tx, ty), shuffle=True,
              callbacks=[AppSchedule(total_steps)])
`;
}
