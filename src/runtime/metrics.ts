import * as tf from '@tensorflow/tfjs-core';
import type { ModelPlan } from '../compiler/plan';
import type { Batch } from '../data/batches';
import { TrainFailure } from './failure';

/**
 * The class count of a classification plan. The trainer trains classification heads
 * only for now (datasets carry class labels); a regression head is refused as 'train/plan'.
 */
export function classesOf(plan: ModelPlan): number {
  if (plan.head.kind !== 'classification')
    throw new TrainFailure(
      'train/plan',
      'The trainer cannot train a regression output yet; use a classification Output layer',
    );
  return plan.head.classes;
}

/** A batch as tensors: images [n, ...shape] in [0, 1] and one-hot labels [n, classes]. */
export interface BatchTensors {
  x: tf.Tensor;
  y: tf.Tensor2D;
}

/**
 * Wraps a batch's reused buffers as tensors. The cpu backend may keep a reference to
 * the buffer instead of copying, so the tensors must be disposed before the next batch
 * is filled: call this inside the step's tf.tidy.
 */
export function batchTensors(batch: Batch, inputShape: readonly number[], classes: number): BatchTensors {
  const n = batch.size;
  const per = inputShape.reduce((a, b) => a * b, 1);
  return {
    x: tf.tensor(batch.x.subarray(0, n * per), [n, ...inputShape], 'float32'),
    y: tf.tensor2d(batch.y.subarray(0, n * classes), [n, classes], 'float32'),
  };
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
