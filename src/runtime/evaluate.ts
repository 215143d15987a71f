import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import type { Batcher } from '../data/batches';
import type { EvalResult } from '../training/protocol';
import { forward, type ForwardMode } from './forward';
import { batchTensors, headSummedLoss, metricSum, r2Sums, targetWidthOf } from './metrics';

/** Hooks that let an evaluation give way to messages and stop early. */
export interface EvalHooks {
  /** Awaited between batches so messages are handled. */
  yieldToHost(): Promise<void>;
  /** Checked between batches; true abandons the evaluation. */
  shouldStop(): boolean;
}

/** What one batch adds to an evaluation's sums. */
interface BatchSums {
  loss: number;
  metric: number;
  size: number;
  /** [Σ(y − ŷ)², Σy, Σy², target values] for a regression head; null for classification. */
  r2: [number, number, number, number] | null;
}

/** Summed loss and metric (and a regression head's R² sums) of one batch in one mode. */
async function evalBatch(
  model: tfl.LayersModel,
  plan: ModelPlan,
  batcher: Batcher,
  b: number,
  mode: ForwardMode,
): Promise<BatchSums> {
  const batch = batcher.batch(b);
  const width = targetWidthOf(plan);
  const ts = tf.tidy(() => {
    const { x, y } = batchTensors(batch, plan.inputShape, width);
    const out = forward(model, plan, x, { mode });
    const sums = [headSummedLoss(plan.head, y, out), metricSum(plan.head, y, out)];
    return plan.head.kind === 'regression' ? [...sums, r2Sums(y, out)] : sums;
  });
  try {
    const [l, c, r] = await Promise.all(ts.map((t) => t.data()));
    const r2 = r ? ([r[0]!, r[1]!, r[2]!, batch.size * width] as BatchSums['r2']) : null;
    return { loss: l![0]!, metric: c![0]!, size: batch.size, r2 };
  } finally {
    tf.dispose(ts);
  }
}

/** R² from summed [SSE, Σy, Σy², N]: 1 − SSE / SST; NaN when the targets do not vary. */
export function r2Of([sse, sum, sumSq, n]: readonly number[]): number {
  const sst = sumSq! - (sum! * sum!) / n!;
  return sst > 0 ? 1 - sse! / sst : NaN;
}

/**
 * Mean loss and metric (accuracy, or a regression head's mean absolute error, with R²)
 * over every example of an (unshuffled) batcher, in 'predict' mode (running averages)
 * or 'batch-stats' mode (each batch's own statistics, at the batcher's batch size).
 * Updates nothing. Returns null when stopped part way.
 */
export async function evaluate(
  model: tfl.LayersModel,
  plan: ModelPlan,
  batcher: Batcher,
  mode: Exclude<ForwardMode, 'train'>,
  hooks: EvalHooks,
): Promise<EvalResult | null> {
  let loss = 0;
  let metric = 0;
  let count = 0;
  const r2 = [0, 0, 0, 0];
  for (let b = 0; b < batcher.batchesPerEpoch; b++) {
    if (hooks.shouldStop()) return null;
    const r = await evalBatch(model, plan, batcher, b, mode);
    loss += r.loss;
    metric += r.metric;
    count += r.size;
    r.r2?.forEach((v, i) => (r2[i]! += v));
    await hooks.yieldToHost();
  }
  if (count === 0) return { loss: NaN, accuracy: NaN };
  const result: EvalResult = { loss: loss / count, accuracy: metric / count };
  return plan.head.kind === 'regression' ? { ...result, r2: r2Of(r2) } : result;
}
