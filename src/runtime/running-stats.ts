import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** A saved copy of values that a training-mode forward pass writes; restore puts them back. */
export interface SavedValues {
  restore(): void;
  dispose(): void;
}

/**
 * Saves the model's non-trainable weights (batch norm's running averages), which
 * tfjs-layers updates during every training-mode forward pass, so that a step that
 * turns out to diverge, or a diagnostic re-run of one, can be undone exactly.
 * Trainable weights need no copy: the optimizer only writes them after the step was checked.
 */
export function saveRunningStats(model: tfl.LayersModel): SavedValues {
  const saved = model.nonTrainableWeights.map((w) => {
    const v = w.read() as tf.Variable;
    return { v, copy: tf.clone(v) };
  });
  return {
    restore: () => saved.forEach(({ v, copy }) => v.assign(copy)),
    dispose: () => saved.forEach(({ copy }) => copy.dispose()),
  };
}
