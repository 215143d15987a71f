import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ModelPlan } from '../compiler/plan';
import { Batcher } from '../data/batches';
import type { LabelledSet } from '../data/dataset';
import type { TrainingConfig } from '../graph/document';
import { BackendError } from './backend';
import { buildModel } from './build-model';
import { createHostClock } from './clock';
import { registerConv2dBackpropFilterWasm } from './kernels/conv2d-backprop-filter';
import { batchTensors, classesOf } from './metrics';

/**
 * The benchmark's baseline: stock tf.layers training (`model.compile` + `trainOnBatch`) of
 * a plan on the wasm backend, with nothing of ours but the filter-gradient kernel that
 * stock wasm lacks (without it no conv layer trains at all). Not used by the app; it
 * exists so `npm run bench` can say how the app's own trainer compares with plain tfjs.
 */

/** How many steps to run and where the wasm files are. */
export interface StockLoopOptions {
  /** Steps run first and not timed (kernel set-up, first allocations). */
  warmup: number;
  /** Steps timed after the warm-up. */
  timed: number;
  /** The tfjs-backend-wasm files' folder (ending in a separator) or URL. */
  wasmPaths: string;
}

/** What the loop measured. */
export interface StockLoopResult {
  /** Examples per second over the timed steps (batch building excluded, as in the trainer). */
  exPerSec: number;
  /** Milliseconds of each timed step. */
  msPerStep: number[];
  /** The loss of every step, warm-up included (to show it trains). */
  losses: number[];
}

/** Activates the wasm backend with only the filter-gradient kernel added. */
export async function setupStockWasm(wasmPaths: string): Promise<void> {
  registerConv2dBackpropFilterWasm();
  if (tf.engine().registry['wasm'] == null) setWasmPaths(wasmPaths);
  const ok = await tf.setBackend('wasm');
  if (ok) await tf.ready();
  if (!ok || tf.getBackend() !== 'wasm') throw new BackendError('the wasm backend did not initialise');
}

/** A tfjs optimizer for the config (the stock classes; AdamW is approximated by Adam). */
function stockOptimizer(c: TrainingConfig): tf.Optimizer {
  switch (c.optimizer) {
    case 'sgd':
      return c.momentum > 0
        ? tf.train.momentum(c.learningRate, c.momentum, c.nesterov)
        : tf.train.sgd(c.learningRate);
    case 'adam':
    case 'adamw':
      return tf.train.adam(c.learningRate, c.beta1, c.beta2, c.epsilon);
    case 'rmsprop':
      return tf.train.rmsprop(c.learningRate, c.rho, c.momentum, c.epsilon);
  }
}

/** The loss of the app's classification head, on logits: mean softmax cross-entropy. */
const logitsLoss = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor =>
  tf.losses.softmaxCrossEntropy(yTrue, yPred);

/**
 * Trains `warmup + timed` batches of `train` with tf.layers' own loop and times the last
 * `timed`. The model comes from the plan exactly as the app builds it (logits out, seeded
 * initialisers); the loss and optimizer are the config's. The wasm backend must be active
 * (see setupStockWasm).
 */
export async function stockTrainOnBatch(
  plan: ModelPlan,
  config: TrainingConfig,
  train: LabelledSet,
  opts: StockLoopOptions,
): Promise<StockLoopResult> {
  const clock = createHostClock();
  const model = buildModel(plan, config.seed);
  const classes = classesOf(plan);
  try {
    model.compile({ optimizer: stockOptimizer(config), loss: logitsLoss, metrics: ['accuracy'] });
    const batcher = new Batcher(train, config.batchSize);
    batcher.shuffle(config.seed, 1);
    const msPerStep: number[] = [];
    const losses: number[] = [];
    let examples = 0;
    for (let i = 0; i < opts.warmup + opts.timed; i++) {
      const batch = batcher.batch(i % batcher.batchesPerEpoch);
      const started = clock.now();
      const { x, y } = batchTensors(batch, plan.inputShape, classes);
      const out = await model.trainOnBatch(x, y);
      tf.dispose([x, y]);
      const ms = clock.now() - started;
      losses.push(Array.isArray(out) ? out[0]! : out);
      if (i >= opts.warmup) {
        msPerStep.push(ms);
        examples += batch.size;
      }
    }
    const totalMs = msPerStep.reduce((a, b) => a + b, 0);
    return { exPerSec: totalMs > 0 ? (examples * 1000) / totalMs : 0, msPerStep, losses };
  } finally {
    model.dispose();
  }
}
