import * as tf from '@tensorflow/tfjs-core';
import type { ModelPlan, PlanHead } from '../compiler/plan';
import type { Batch } from '../data/batches';
import type { RunMetric } from '../training/protocol';
import { TrainFailure } from './failure';

/**
 * The class count of a classification plan, for what only makes sense with classes
 * (the Evaluation views, the decision boundary); a regression head is refused as 'train/plan'.
 */
export function classesOf(plan: ModelPlan): number {
  if (plan.head.kind !== 'classification')
    throw new TrainFailure('train/plan', { key: 'view-needs-classification', values: {} });
  return plan.head.classes;
}

/** Values of a batch's `y` per example for a plan: the class count (one-hot) or the regression units. */
export const targetWidthOf = (plan: ModelPlan): number =>
  plan.head.kind === 'classification' ? plan.head.classes : plan.head.units;

/** The figure reported beside the loss: accuracy for a classification head, mean absolute error for regression. */
export const metricOf = (plan: ModelPlan): RunMetric =>
  plan.head.kind === 'classification' ? 'accuracy' : 'mae';

/** A batch as tensors: inputs [n, ...shape] and targets [n, width] (one-hot labels or values). */
export interface BatchTensors {
  x: tf.Tensor;
  y: tf.Tensor2D;
}

/**
 * Wraps a batch's reused buffers as tensors. The cpu backend may keep a reference to
 * the buffer instead of copying, so the tensors must be disposed before the next batch
 * is filled: call this inside the step's tf.tidy.
 */
export function batchTensors(batch: Batch, inputShape: readonly number[], width: number): BatchTensors {
  const n = batch.size;
  const per = inputShape.reduce((a, b) => a * b, 1);
  return {
    x: tf.tensor(batch.x.subarray(0, n * per), [n, ...inputShape], 'float32'),
    y: tf.tensor2d(batch.y.subarray(0, n * width), [n, width], 'float32'),
  };
}

/** Per example: a regression head's squared or absolute error, averaged over its units. */
function regressionLoss(loss: 'mse' | 'mae', y: tf.Tensor2D, out: tf.Tensor): tf.Tensor1D {
  const diff = tf.sub(out, y);
  return tf.mean(loss === 'mae' ? tf.abs(diff) : tf.square(diff), 1);
}

/** Mean softmax cross-entropy of logits against one-hot labels (the Output head's loss). */
export const meanLoss = (y: tf.Tensor2D, logits: tf.Tensor): tf.Scalar =>
  tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;

/** Summed softmax cross-entropy (for evaluations over several batches). */
export const summedLoss = (y: tf.Tensor2D, logits: tf.Tensor): tf.Scalar =>
  tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.SUM) as tf.Scalar;

/** Number of rows whose largest logit is the labelled class. */
export const correctCount = (y: tf.Tensor2D, logits: tf.Tensor): tf.Scalar =>
  tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));

/** The mean loss of a batch under a head: softmax cross-entropy (Output), or the regression head's error. */
export const headLoss = (head: PlanHead, y: tf.Tensor2D, out: tf.Tensor): tf.Scalar =>
  head.kind === 'classification' ? meanLoss(y, out) : tf.mean(regressionLoss(head.loss, y, out));

/** The summed per-example loss under a head (for evaluations over several batches). */
export const headSummedLoss = (head: PlanHead, y: tf.Tensor2D, out: tf.Tensor): tf.Scalar =>
  head.kind === 'classification' ? summedLoss(y, out) : tf.sum(regressionLoss(head.loss, y, out));

/**
 * The summed per-example metric: for classification the number of rows whose largest
 * logit is the labelled class; for regression each example's absolute error averaged
 * over its units (so the sum divided by the count is the mean absolute error).
 */
export function metricSum(head: PlanHead, y: tf.Tensor2D, out: tf.Tensor): tf.Scalar {
  if (head.kind === 'classification') return correctCount(y, out);
  return tf.sum(tf.mean(tf.abs(tf.sub(out, y)), 1));
}

/**
 * The sums an R² needs, over every target value of a batch: [Σ(y − ŷ)², Σy, Σy²].
 * Adding them over batches gives R² = 1 − SSE / (Σy² − (Σy)²/N) without a second pass.
 */
export const r2Sums = (y: tf.Tensor2D, out: tf.Tensor): tf.Tensor1D =>
  tf.stack([tf.sum(tf.square(tf.sub(out, y))), tf.sum(y), tf.sum(tf.square(y))]) as tf.Tensor1D;
