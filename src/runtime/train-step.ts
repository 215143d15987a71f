import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import type { Batch } from '../data/batches';
import type { LayerStats } from '../training/layer-stats';
import { deviceStats, deviceTensors, readStats, type DeviceStats } from './capture';
import { forward, type ForwardOptions } from './forward';
import type { LayerHandle } from './layer-handles';
import { batchTensors, headLoss, metricSum, targetWidthOf } from './metrics';
import { disposeUpdate, type Optimizer, type PendingUpdate } from './optimizer';
import { saveRunningStats } from './running-stats';

/** What one training step needs; built once per run. */
export interface StepContext {
  model: tfl.LayersModel;
  plan: ModelPlan;
  optimizer: Optimizer;
  /** The trainable variables (passed explicitly: other models may be alive in the engine). */
  variables: tf.Variable[];
  /** Every plan node with its variables, for statistics and diagnosis. */
  layers: LayerHandle[];
}

/** One step's inputs. */
export interface StepRequest {
  batch: Batch;
  /** Seed of this step's dropout masks. */
  dropoutSeed: number;
  /** This step's learning rate (the schedule's value). */
  lr: number;
  /** Capture per-layer statistics, summarizing at most this many output values per layer; null: none. */
  sampleValues: number | null;
}

/**
 * A step's result: committed with its loss and metric (accuracy, or the mean absolute
 * error of a regression head) and statistics when asked; or refused.
 */
export type StepOutcome =
  | { ok: true; loss: number; accuracy: number; stats: { layers: LayerStats[]; rows: number } | null }
  /** The loss or the new weights were not finite: nothing was written (running averages restored). */
  | { ok: false; loss: number };

/** The model's trainable variables, as the optimizer wants them. */
export const trainableVariables = (model: tfl.LayersModel): tf.Variable[] =>
  model.trainableWeights.map((w) => w.read() as tf.Variable);

/** A scalar that is 0 when every value of the tensors is finite and NaN otherwise (x·0 is NaN only for NaN and ±∞). */
export const finiteFlag = (ts: readonly tf.Tensor[]): tf.Scalar =>
  ts.length === 0 ? tf.scalar(0) : (tf.addN(ts.map((t) => tf.sum(tf.mul(t, 0)))) as tf.Scalar);

/** Zero tensors added to each layer's output, so the gradient pass also yields ∂loss/∂output. */
export const zeroProbes = (layers: readonly LayerHandle[], batch: number): tf.Tensor[] =>
  layers.map((h) => tf.zeros([batch, ...h.node.outputShape.slice(1).map((d) => d ?? 1)]));

/** The forward tap that adds the probes and keeps each (probed) output for the statistics. */
export function probeTap(
  probes: readonly tf.Tensor[],
  kept: tf.Tensor[],
): NonNullable<ForwardOptions['tap']> {
  return (_node, index, output) => {
    const probed = tf.add(output, probes[index]!);
    kept[index] = tf.keep(probed);
    return probed;
  };
}

/** tf.tidy for a function returning a structure of tensors (tidy's TensorContainer type has no nulls). */
export const tidyKeep = <T>(f: () => T): T =>
  tf.tidy(() => f() as unknown as tf.TensorContainer) as unknown as T;

interface Computed {
  loss: tf.Scalar;
  finite: tf.Scalar;
  update: PendingUpdate;
  device: DeviceStats | null;
}

/**
 * The gradient pass and the proposed update. With statistics, zero probes are added to
 * every layer's output and included in the gradient pass: x + 0 is x, and the gradient
 * of an addition passes ∂loss/∂output through unchanged, so the weight gradients, and
 * so the update, are bit-identical to a pass without probes.
 */
function compute(
  ctx: StepContext,
  req: StepRequest,
  kept: { correct: tf.Tensor | null; outputs: tf.Tensor[] },
): Computed {
  const { x, y } = batchTensors(req.batch, ctx.plan.inputShape, targetWidthOf(ctx.plan));
  const probes = req.sampleValues === null ? [] : zeroProbes(ctx.layers, req.batch.size);
  const tap = probes.length > 0 ? probeTap(probes, kept.outputs) : undefined;
  const f = (): tf.Scalar => {
    const out = forward(ctx.model, ctx.plan, x, { mode: 'train', dropoutSeed: req.dropoutSeed, tap });
    kept.correct = tf.keep(metricSum(ctx.plan.head, y, out));
    return headLoss(ctx.plan.head, y, out);
  };
  const { value, grads } = tf.engine().gradients(f, [...ctx.variables, ...probes], undefined, true);
  const n = ctx.variables.length;
  const weightGrads = grads.slice(0, n);
  const update = ctx.optimizer.propose(weightGrads, req.lr);
  const finite = finiteFlag(update.weights.filter((w): w is tf.Tensor => w !== null));
  const device =
    req.sampleValues === null
      ? null
      : deviceStats(
          ctx.layers,
          ctx.plan.inputId,
          {
            x,
            outputs: kept.outputs,
            outputGrads: grads.slice(n),
            weightGrads,
            variables: ctx.variables,
            update,
          },
          req.sampleValues,
        );
  return { loss: value as tf.Scalar, finite, update, device };
}

/**
 * One step on one batch: forward in training mode (batch norm uses and updates its
 * running averages; dropout seeded by `dropoutSeed`), the head's mean loss (softmax
 * cross-entropy, or squared / absolute error for a regression head),
 * gradients, the optimizer's proposed update. Only when the loss and every new weight
 * are finite is the update written; otherwise the running averages are put back, so
 * the model is exactly as before the step. Every tensor it makes is disposed.
 */
export async function trainStep(ctx: StepContext, req: StepRequest): Promise<StepOutcome> {
  const running = saveRunningStats(ctx.model);
  const kept: { correct: tf.Tensor | null; outputs: tf.Tensor[] } = { correct: null, outputs: [] };
  let c: Computed | null = null;
  try {
    c = tidyKeep(() => compute(ctx, req, kept));
    const [l, k, f] = await Promise.all([c.loss.data(), kept.correct!.data(), c.finite.data()]);
    const loss = l[0]!;
    if (!Number.isFinite(loss) || f[0] !== 0) {
      running.restore();
      return { ok: false, loss };
    }
    ctx.optimizer.commit(c.update);
    const stats = c.device
      ? { layers: await readStats(ctx.layers, c.device, ctx.variables), rows: c.device.rows }
      : null;
    return { ok: true, loss, accuracy: k[0]! / req.batch.size, stats };
  } finally {
    running.dispose();
    if (c) {
      disposeUpdate(c.update);
      tf.dispose([c.loss, c.finite, ...(c.device ? deviceTensors(c.device) : [])]);
    }
    tf.dispose([...(kept.correct ? [kept.correct] : []), ...kept.outputs]);
  }
}
