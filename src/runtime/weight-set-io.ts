import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { packWeightSet, unpackWeightSet, type WeightSet } from '../compiler/tfjs-weights';
import { TrainFailure } from './failure';

/** Copies every weight of a model (trainable and running averages) into a WeightSet. Reads only. */
export async function readWeightSet(model: tfl.LayersModel): Promise<WeightSet> {
  const tensors = model.weights.map((w) => ({ w, t: w.read() }));
  const values = await Promise.all(tensors.map(({ t }) => t.data() as Promise<Float32Array>));
  return packWeightSet(
    tensors.map(({ w, t }, i) => ({ name: w.originalName, shape: [...t.shape], values: values[i]! })),
  );
}

/**
 * Writes a WeightSet into a freshly built model: every model weight must be in it, by its
 * tfjs name, with the same shape; otherwise 'train/checkpoint' naming the weight.
 */
export function loadWeightSet(model: tfl.LayersModel, set: WeightSet): void {
  const fail = (why: string): never => {
    throw new TrainFailure('train/checkpoint', { key: 'weights-mismatch', values: { error: why } });
  };
  const unpacked = unpackWeightSet(set);
  if (!unpacked.ok) fail(unpacked.error);
  const byName = new Map(unpacked.ok ? unpacked.value.map((t) => [t.name, t]) : []);
  const writes = model.weights.map((w) => {
    const t = byName.get(w.originalName);
    const shape = w.shape.map((d) => d ?? 0);
    if (!t) return fail(`they have no weight '${w.originalName}'`);
    if (t.shape.join('x') !== shape.join('x'))
      return fail(
        `'${w.originalName}' has shape [${t.shape.join(', ')}], the model needs [${shape.join(', ')}]`,
      );
    return { w, values: t.values, shape };
  });
  for (const { w, values, shape } of writes) {
    const t = tf.tensor(values, shape, 'float32');
    w.write(t);
    t.dispose();
  }
}
