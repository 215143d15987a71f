import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import type { Batcher } from '../data/batches';
import type { EvalResult } from '../training/protocol';
import { forward, type ForwardMode } from './forward';
import { batchTensors, classesOf, correctCount, summedLoss } from './metrics';

/** Hooks that let an evaluation give way to messages and stop early. */
export interface EvalHooks {
  /** Awaited between batches so messages are handled. */
  yieldToHost(): Promise<void>;
  /** Checked between batches; true abandons the evaluation. */
  shouldStop(): boolean;
}

/** Loss and correct count of one batch in one mode. */
async function evalBatch(
  model: tfl.LayersModel,
  plan: ModelPlan,
  batcher: Batcher,
  b: number,
  mode: ForwardMode,
): Promise<{ loss: number; correct: number; size: number }> {
  const batch = batcher.batch(b);
  const [loss, correct] = tf.tidy(() => {
    const { x, y } = batchTensors(batch, plan.inputShape, classesOf(plan));
    const logits = forward(model, plan, x, { mode });
    return [summedLoss(y, logits), correctCount(y, logits)];
  });
  try {
    const [l, c] = await Promise.all([loss.data(), correct.data()]);
    return { loss: l[0]!, correct: c[0]!, size: batch.size };
  } finally {
    tf.dispose([loss, correct]);
  }
}

/**
 * Mean loss and accuracy over every example of an (unshuffled) batcher, in 'predict'
 * mode (running averages) or 'batch-stats' mode (each batch's own statistics, at the
 * batcher's batch size). Updates nothing. Returns null when stopped part way.
 */
export async function evaluate(
  model: tfl.LayersModel,
  plan: ModelPlan,
  batcher: Batcher,
  mode: Exclude<ForwardMode, 'train'>,
  hooks: EvalHooks,
): Promise<EvalResult | null> {
  let loss = 0;
  let correct = 0;
  let count = 0;
  for (let b = 0; b < batcher.batchesPerEpoch; b++) {
    if (hooks.shouldStop()) return null;
    const r = await evalBatch(model, plan, batcher, b, mode);
    loss += r.loss;
    correct += r.correct;
    count += r.size;
    await hooks.yieldToHost();
  }
  return count === 0 ? { loss: NaN, accuracy: NaN } : { loss: loss / count, accuracy: correct / count };
}
