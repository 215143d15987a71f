import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  checkpointValues,
  packCheckpoint,
  type Checkpoint,
  type CheckpointManifest,
  type NamedValues,
} from '../training/checkpoint';
import { TrainFailure } from './failure';
import type { Optimizer } from './optimizer';

/** Where in the run a checkpoint is taken. */
export type CheckpointPosition = Pick<
  CheckpointManifest,
  'epoch' | 'step' | 'batchInEpoch' | 'batchesPerEpoch'
>;

/** The checkpoint name of a model weight (its tfjs name, e.g. 'conv1/kernel'). */
const weightName = (w: tfl.LayersModel['weights'][number]): string => w.originalName;

/** Slot names of every trainable variable ('conv1/kernel/exp_avg'), aligned with optimizer.slots. */
function slotNamesOf(model: tfl.LayersModel, optimizer: Optimizer): string[][] {
  return model.trainableWeights.map((w) => optimizer.slotNames.map((s) => `${weightName(w)}/${s}`));
}

/**
 * Copies the model's weights (trainable and running averages) and the optimizer's
 * state into a checkpoint with its own buffer. Reads only.
 */
export async function takeCheckpoint(
  model: tfl.LayersModel,
  optimizer: Optimizer,
  at: CheckpointPosition,
): Promise<Checkpoint> {
  const slotNames = slotNamesOf(model, optimizer);
  const named: { name: string; role: NamedValues['role']; t: tf.Tensor }[] = [
    ...model.weights.map((w) => ({ name: weightName(w), role: 'weight' as const, t: w.read() })),
    ...optimizer.slots.flatMap((slots, i) =>
      slots.map((t, k) => ({ name: slotNames[i]![k]!, role: 'slot' as const, t })),
    ),
  ];
  const values = await Promise.all(named.map((n) => n.t.data() as Promise<Float32Array>));
  const tensors = named.map((n, i) => ({ name: n.name, role: n.role, shape: n.t.shape, values: values[i]! }));
  return packCheckpoint({ ...at, optimizer: { kind: optimizer.kind, updates: optimizer.updates } }, tensors);
}

/** Writes values into a variable. */
function write(v: tf.Variable, values: Float32Array): void {
  const t = tf.tensor(values, v.shape, 'float32');
  v.assign(t);
  t.dispose();
}

/**
 * Loads a checkpoint into a freshly built model and optimizer. Every model weight must
 * be in it with the same shape (else 'train/checkpoint'). The optimizer's state is
 * taken when the checkpoint was made by the same kind of optimizer; a slot it lacks
 * (say, momentum was off then) starts at zero, and another kind starts afresh.
 */
export function restoreCheckpoint(model: tfl.LayersModel, optimizer: Optimizer, ckpt: Checkpoint): void {
  const fail = (why: string): never => {
    throw new TrainFailure('train/checkpoint', { key: 'checkpoint-mismatch', values: { error: why } });
  };
  const weights = model.weights.map((w) => {
    const values = checkpointValues(ckpt, weightName(w), 'weight', w.shape as number[]);
    return typeof values === 'string' ? fail(values) : { v: w.read() as tf.Variable, values };
  });
  weights.forEach(({ v, values }) => write(v, values));
  if (ckpt.manifest.optimizer.kind !== optimizer.kind) return;
  const names = slotNamesOf(model, optimizer);
  optimizer.slots.forEach((slots, i) =>
    slots.forEach((slot, k) => {
      const values = checkpointValues(ckpt, names[i]![k]!, 'slot', slot.shape);
      if (typeof values !== 'string') write(slot, values);
    }),
  );
  optimizer.updates = ckpt.manifest.optimizer.updates;
}
