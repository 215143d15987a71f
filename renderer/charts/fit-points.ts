import { isRegressionSet } from '../../src/data/dataset';
import { planeExtent, type PlaneExtent } from '../../src/data/extent';
import type { DatasetRef } from '../../src/graph/document';
import { previewPoints } from '../panels/dataset-options';
import type { ImportedData } from '../state/dataset-store';
import type { PlanePoints } from './plane-draw';

/** Most data points drawn under a fit curve. */
export const MAX_FIT_POINTS = 3000;

/**
 * The (input, target) pairs of a one-input regression set, for drawing under the model's
 * curve: a toy set's generated points, or every part of an import (evenly thinned to at
 * most `max`). Null for other sets.
 */
export function fitPoints(
  ref: DatasetRef,
  imported: ImportedData | undefined,
  max = MAX_FIT_POINTS,
): PlanePoints | null {
  if (ref.kind === 'builtin') return previewPoints(ref);
  if (!imported) return null;
  const parts = [imported.parts.train, imported.parts.validation, imported.parts.test];
  const xs: number[] = [];
  for (const p of parts) {
    if (!isRegressionSet(p) || p.inputShape.length !== 1 || p.inputShape[0] !== 1) return null;
    for (let i = 0; i < p.count; i++) xs.push(p.features[i]!, p.targets[i]!);
  }
  const total = xs.length / 2;
  const count = Math.min(total, max);
  const features = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const k = Math.floor((i * total) / count);
    features[2 * i] = xs[2 * k]!;
    features[2 * i + 1] = xs[2 * k + 1]!;
  }
  const extent = planeExtent([features]);
  return extent ? { extent, features, count, labels: null } : null;
}

/** The view's frame: the data's extent widened to hold the whole curve (an untrained curve may stray). */
export function fitExtent(
  points: PlanePoints | null,
  curve: { xMin: number; xMax: number; predictions: Float32Array },
): PlaneExtent | null {
  const n = curve.predictions.length;
  const pairs = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = curve.xMin + (n > 1 ? (i * (curve.xMax - curve.xMin)) / (n - 1) : 0);
    pairs[2 * i + 1] = curve.predictions[i]!;
  }
  const framed = planeExtent(points ? [points.features.subarray(0, points.count * 2), pairs] : [pairs]);
  return framed && { ...framed, xMin: curve.xMin, xMax: curve.xMax };
}
