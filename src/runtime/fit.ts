import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import { isRegressionSet, type LabelledSet } from '../data/dataset';
import { EXTENT_MARGIN } from '../data/extent';
import { forward } from './forward';

/** The inputs a fit curve spans. */
export interface FitRange {
  xMin: number;
  xMax: number;
}

/**
 * The padded range of the inputs of one-input regression sets (the fit view draws the
 * model's curve across it); null for any other data or when no input is finite.
 */
export function fitRange(sets: readonly LabelledSet[]): FitRange | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const ds of sets) {
    if (!isRegressionSet(ds) || ds.inputShape.length !== 1 || ds.inputShape[0] !== 1) return null;
    for (let i = 0; i < ds.count; i++) {
      const x = ds.features[i]!;
      if (!Number.isFinite(x)) continue;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  }
  if (!(hi >= lo)) return null;
  const pad = hi > lo ? (hi - lo) * EXTENT_MARGIN : 0.5;
  return { xMin: lo - pad, xMax: hi + pad };
}

/** `points` evenly spaced inputs from xMin to xMax, both included. */
export function fitInputs(range: FitRange, points: number): Float32Array {
  const out = new Float32Array(points);
  const step = points > 1 ? (range.xMax - range.xMin) / (points - 1) : 0;
  for (let i = 0; i < points; i++) out[i] = range.xMin + i * step;
  return out;
}

/**
 * The model's first output at each of the evenly spaced inputs, in prediction mode
 * (running averages, no dropout): updates nothing and disposes every tensor it makes.
 */
export async function predictCurve(
  model: tfl.LayersModel,
  plan: ModelPlan,
  range: FitRange,
  points: number,
): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const x = tf.tensor2d(fitInputs(range, points), [points, 1], 'float32');
    const y = forward(model, plan, x, { mode: 'predict' }) as tf.Tensor2D;
    return tf.reshape(tf.slice(y, [0, 0], [points, 1]), [points]);
  });
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
