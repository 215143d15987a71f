import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import { isImageSet, type LabelledSet } from '../data/dataset';
import { planeExtent } from '../data/extent';
import type { BoundaryExtent } from '../training/protocol';
import { forward } from './forward';

/** The plane a decision-boundary view covers: the padded bounding box of 2D float sets; null for any other data. */
export function boundaryExtent(sets: readonly LabelledSet[]): BoundaryExtent | null {
  const points: Float32Array[] = [];
  for (const ds of sets) {
    if (isImageSet(ds) || ds.inputShape.length !== 1 || ds.inputShape[0] !== 2) return null;
    points.push(ds.features.subarray(0, ds.count * 2));
  }
  return planeExtent(points);
}

/** The centres of a resolution×resolution grid over the extent, row-major (row 0 at yMin), as [x, y] pairs. */
export function gridPoints(extent: BoundaryExtent, resolution: number): Float32Array {
  const out = new Float32Array(resolution * resolution * 2);
  const dx = (extent.xMax - extent.xMin) / resolution;
  const dy = (extent.yMax - extent.yMin) / resolution;
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const k = 2 * (r * resolution + c);
      out[k] = extent.xMin + (c + 0.5) * dx;
      out[k + 1] = extent.yMin + (r + 0.5) * dy;
    }
  }
  return out;
}

/**
 * The model's class probabilities at every grid point, in prediction mode (running
 * averages, no dropout): updates nothing and disposes every tensor it makes.
 */
export async function predictGrid(
  model: tfl.LayersModel,
  plan: ModelPlan,
  extent: BoundaryExtent,
  resolution: number,
): Promise<Float32Array> {
  const probs = tf.tidy(() => {
    const x = tf.tensor2d(gridPoints(extent, resolution), [resolution * resolution, 2], 'float32');
    return tf.softmax(forward(model, plan, x, { mode: 'predict' }) as tf.Tensor2D);
  });
  try {
    return (await probs.data()) as Float32Array;
  } finally {
    probs.dispose();
  }
}

/**
 * A regression model's first output at every grid point, in prediction mode: updates
 * nothing and disposes every tensor it makes.
 */
export async function predictSurface(
  model: tfl.LayersModel,
  plan: ModelPlan,
  extent: BoundaryExtent,
  resolution: number,
): Promise<Float32Array> {
  const n = resolution * resolution;
  const out = tf.tidy(() => {
    const x = tf.tensor2d(gridPoints(extent, resolution), [n, 2], 'float32');
    const y = forward(model, plan, x, { mode: 'predict' }) as tf.Tensor2D;
    return tf.reshape(tf.slice(y, [0, 0], [n, 1]), [n]);
  });
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
