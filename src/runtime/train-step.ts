import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import type { Batch } from '../data/batches';
import { forward } from './forward';
import { batchTensors, correctCount, meanLoss } from './metrics';

/** What one training step needs; built once per run. */
export interface StepContext {
  model: tfl.LayersModel;
  plan: ModelPlan;
  optimizer: tf.SGDOptimizer;
  /** The trainable variables (passed explicitly: other models may be alive in the engine). */
  variables: tf.Variable[];
}

/** Loss and accuracy of one step, read back from the backend. */
export interface StepResult {
  loss: number;
  accuracy: number;
}

/** The model's trainable variables, as the optimizer wants them. */
export const trainableVariables = (model: tfl.LayersModel): tf.Variable[] =>
  model.trainableWeights.map((w) => w.read() as tf.Variable);

/**
 * One SGD step on one batch: forward in training mode (batch norm updates its running
 * averages, dropout seeded by `dropoutSeed`), mean softmax cross-entropy, gradients,
 * update. Every tensor it makes is disposed before it returns.
 */
export async function trainStep(ctx: StepContext, batch: Batch, dropoutSeed: number): Promise<StepResult> {
  const kept: { correct: tf.Scalar | null } = { correct: null };
  let loss: tf.Scalar | null = null;
  try {
    loss = tf.tidy(() => {
      const { x, y } = batchTensors(batch, ctx.plan.inputShape, ctx.plan.head.classes);
      return ctx.optimizer.minimize(
        () => {
          const logits = forward(ctx.model, ctx.plan, x, { mode: 'train', dropoutSeed });
          // Kept so it survives the gradient's own scope; disposed below.
          kept.correct = tf.keep(correctCount(y, logits));
          return meanLoss(y, logits);
        },
        true,
        ctx.variables,
      )!;
    });
    const [l, c] = await Promise.all([loss.data(), kept.correct!.data()]);
    return { loss: l[0]!, accuracy: c[0]! / batch.size };
  } finally {
    loss?.dispose();
    kept.correct?.dispose();
  }
}
