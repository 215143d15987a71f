import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../data/batches';
import { forward } from './forward';
import { batchTensors, headLoss, targetWidthOf } from './metrics';
import { saveRunningStats } from './running-stats';
import { finiteFlag, probeTap, tidyKeep, zeroProbes, type StepContext } from './train-step';

/** Where a diverging step first produced a non-finite value. */
export interface NonFiniteSite {
  nodeId: string;
  /** In the layer's output (forward), in its gradients (backward), or in its updated weights. */
  stage: 'output' | 'gradient' | 'update';
}

/** Per layer: finite flags of its output, output gradient, weight gradients and proposed weights (0 = finite). */
const FLAGS = 4;

/** The flags of every layer, computed on the device in one stacked tensor. */
function flagTensor(
  ctx: StepContext,
  batch: Batch,
  dropoutSeed: number,
  lr: number,
  kept: tf.Tensor[],
): tf.Tensor {
  const { x, y } = batchTensors(batch, ctx.plan.inputShape, targetWidthOf(ctx.plan));
  const probes = zeroProbes(ctx.layers, batch.size);
  const tap = probeTap(probes, kept);
  const f = (): tf.Scalar =>
    headLoss(ctx.plan.head, y, forward(ctx.model, ctx.plan, x, { mode: 'train', dropoutSeed, tap }));
  const { grads } = tf.engine().gradients(f, [...ctx.variables, ...probes], undefined, true);
  const n = ctx.variables.length;
  const update = ctx.optimizer.propose(grads.slice(0, n), lr);
  const some = (is: number[], pick: (i: number) => tf.Tensor | null | undefined): tf.Scalar =>
    finiteFlag(is.map(pick).filter((t): t is tf.Tensor => t != null));
  return tf.stack(
    ctx.layers.flatMap((h) => [
      finiteFlag([kept[h.index]!]),
      some([n + h.index], (i) => grads[i]),
      some(h.varIndices, (i) => grads[i]),
      some(h.varIndices, (i) => update.weights[i]),
    ]),
  );
}

/** Picks the site from the flags: the forward pass in plan order, the backward pass from the loss back, then the update. */
function siteOf(ctx: StepContext, flags: ArrayLike<number>): NonFiniteSite | null {
  const bad = (i: number, k: number): boolean => flags[i * FLAGS + k] !== 0;
  const ids = ctx.layers.map((h) => h.node.id);
  const out = ids.findIndex((_, i) => bad(i, 0));
  if (out >= 0) return { nodeId: ids[out]!, stage: 'output' };
  for (let i = ids.length - 1; i >= 0; i--) {
    if (bad(i, 1) || bad(i, 2)) return { nodeId: ids[i]!, stage: 'gradient' };
  }
  const upd = ids.findIndex((_, i) => bad(i, 3));
  return upd >= 0 ? { nodeId: ids[upd]!, stage: 'update' } : null;
}

/**
 * Finds the layer where a step that failed its finiteness check went wrong, by running
 * that batch again (same dropout masks, same learning rate) with the weights from before
 * the step, which the failed step left untouched. Non-finite values appear first in the
 * forward pass (checked in plan order), else in the backward pass (which starts at the
 * loss, so checked from the last layer back), else in the update. Writes nothing: the
 * running averages this re-run moves are put back. Null when every value is finite.
 */
export async function locateNonFinite(
  ctx: StepContext,
  batch: Batch,
  dropoutSeed: number,
  lr: number,
): Promise<NonFiniteSite | null> {
  const running = saveRunningStats(ctx.model);
  const kept: tf.Tensor[] = [];
  let flags: tf.Tensor | null = null;
  try {
    flags = tidyKeep(() => flagTensor(ctx, batch, dropoutSeed, lr, kept));
    return siteOf(ctx, await flags.data());
  } finally {
    running.restore();
    running.dispose();
    tf.dispose([...(flags ? [flags] : []), ...kept]);
  }
}
