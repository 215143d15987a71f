/**
 * Datasets of flat feature vectors held in memory (toy sets, CSV tables). Unlike
 * image sets they are already floats, so a batch is a copy of rows, not a rescale.
 */

/** A classification set: `features` is count × width, row-major; `labels` index `classNames`. */
export interface ClassificationVectors {
  task: 'classification';
  count: number;
  /** One example's shape, e.g. [2]; its product is the row width. */
  inputShape: number[];
  classes: number;
  classNames: string[];
  features: Float32Array;
  labels: Uint8Array;
}

/** A regression set: one target value per row. `classes` is 0 so callers can test it alone. */
export interface RegressionVectors {
  task: 'regression';
  count: number;
  inputShape: number[];
  classes: 0;
  classNames: string[];
  features: Float32Array;
  targets: Float32Array;
}

/** Either kind of vector dataset, discriminated by `task`. */
export type VectorDataset = ClassificationVectors | RegressionVectors;

/** Values per example (the product of `inputShape`). */
export const rowWidth = (ds: Pick<VectorDataset, 'inputShape'>): number =>
  ds.inputShape.reduce((a, b) => a * b, 1);

/**
 * Copies the rows named by `indices` (in that order) into a new dataset of the same
 * kind, so a split's parts can be handed to a trainer independently.
 */
export function selectRows<T extends VectorDataset>(ds: T, indices: ArrayLike<number>): T {
  const w = rowWidth(ds);
  const n = indices.length;
  const features = new Float32Array(n * w);
  for (let r = 0; r < n; r++) {
    const i = indices[r]!;
    features.set(ds.features.subarray(i * w, i * w + w), r * w);
  }
  if (ds.task === 'classification') {
    const labels = new Uint8Array(n);
    for (let r = 0; r < n; r++) labels[r] = ds.labels[indices[r]!]!;
    return { ...ds, count: n, features, labels };
  }
  const targets = new Float32Array(n);
  for (let r = 0; r < n; r++) targets[r] = ds.targets[indices[r]!]!;
  return { ...ds, count: n, features, targets };
}
