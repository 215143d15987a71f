import { planeExtent } from '../../src/data/extent';
import { isImageSet, isRegressionSet } from '../../src/data/dataset';
import type { ImportedData } from '../state/dataset-store';
import type { PlanePoints } from './plane-draw';

/** Most points drawn over a decision boundary: enough to see the data, few enough to repaint at once. */
export const MAX_PLANE_POINTS = 3000;

/**
 * The points of an imported 2D classification set, for drawing over its decision boundary:
 * every part (train, validation, test) with its labels, in the parts' own feature values —
 * standardized when the import standardized them, as the trainer and its boundary grid see
 * them. Evenly thinned to at most `max` points. Null for image sets and other shapes.
 */
export function importedPoints(data: ImportedData, max = MAX_PLANE_POINTS): PlanePoints | null {
  const parts = [data.parts.train, data.parts.validation, data.parts.test];
  let total = 0;
  for (const p of parts) {
    if (isImageSet(p) || isRegressionSet(p) || p.inputShape.length !== 1 || p.inputShape[0] !== 2)
      return null;
    total += p.count;
  }
  const count = Math.min(total, Math.max(0, Math.floor(max)));
  const features = new Float32Array(count * 2);
  const labels = new Uint8Array(count);
  // Point i of the drawing is example floor(i * total / count) of the parts laid end to end.
  let part = 0;
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const k = Math.floor((i * total) / count);
    while (k - offset >= parts[part]!.count) offset += parts[part++]!.count;
    const p = parts[part]!;
    if (isImageSet(p) || isRegressionSet(p)) return null;
    const j = k - offset;
    features[2 * i] = p.features[2 * j]!;
    features[2 * i + 1] = p.features[2 * j + 1]!;
    labels[i] = p.labels[j]!;
  }
  const extent = planeExtent([features]);
  return extent ? { extent, features, count, labels } : null;
}
