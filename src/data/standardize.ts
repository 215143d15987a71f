import type { TabularDataset } from './csv-types';
import { rowWidth, type VectorDataset } from './vectors';

/**
 * Per-feature shift and scale: feature f becomes (x - mean[f]) / std[f]. Features that
 * are not standardized (one-hot columns) have mean 0 and std 1, so applying is uniform.
 */
export interface Standardizer {
  mean: Float64Array;
  std: Float64Array;
}

/** Feature indices of the numeric columns: the ones worth standardizing. */
export function numericFeatureIndices(ds: Pick<TabularDataset, 'columns'>): number[] {
  return ds.columns.filter((c) => c.kind === 'numeric').map((c) => c.offset);
}

/**
 * Fits mean and standard deviation of the numeric columns on the rows given (the
 * training part of a split, so validation and test statistics never leak into
 * training). A constant column, or an empty row list, gets std 1 instead of 0.
 * `features` defaults to the numeric columns of a CSV table; pass indices for other sets.
 */
export function fitStandardizer(
  ds: VectorDataset,
  rows: ArrayLike<number>,
  features: readonly number[] = 'columns' in ds ? numericFeatureIndices(ds as TabularDataset) : [],
): Standardizer {
  const w = rowWidth(ds);
  const mean = new Float64Array(w);
  const std = new Float64Array(w).fill(1);
  const n = rows.length;
  if (n === 0) return { mean, std };
  for (const f of features) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += ds.features[rows[i]! * w + f]!;
    const m = sum / n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += (ds.features[rows[i]! * w + f]! - m) ** 2;
    const s = Math.sqrt(sq / n);
    mean[f] = m;
    std[f] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/** A copy of the dataset with every row standardized; the input is left untouched. */
export function applyStandardizer<T extends VectorDataset>(ds: T, s: Standardizer): T {
  const w = rowWidth(ds);
  const features = new Float32Array(ds.features.length);
  for (let i = 0; i < features.length; i++) {
    const f = i % w;
    features[i] = (ds.features[i]! - s.mean[f]!) / s.std[f]!;
  }
  return { ...ds, features };
}
