import { err, ok, type Result } from '../util/result';
import { exampleSize, isImageSet, labelsOf, type ImageDataset, type LabelledSet } from './dataset';
import { splitIndices } from './split';
import { applyStandardizer, fitStandardizer } from './standardize';
import { selectRows, type VectorDataset } from './vectors';

/** How an imported set is divided: shares of validation and test examples (train gets the rest). */
export interface ImportSplit {
  validation: number;
  test: number;
  seed: number;
  /** Split each class on its own, so every part keeps the class proportions. */
  stratified: boolean;
}

/** The default division of an import: 10 % validation, 20 % test, stratified, seed 1. */
export const DEFAULT_IMPORT_SPLIT: ImportSplit = { validation: 0.1, test: 0.2, seed: 1, stratified: true };

/** An imported set divided for training: the validation part may be empty. */
export interface ImportedParts<T extends LabelledSet = LabelledSet> {
  train: T;
  validation: T;
  test: T;
}

/** The given examples of a labelled set, in that order (copies). */
export function selectExamples<T extends LabelledSet>(ds: T, indices: ArrayLike<number>): T {
  if (!isImageSet(ds)) return selectRows(ds as VectorDataset, indices) as T;
  const img: ImageDataset = ds;
  const n = exampleSize(img);
  const pixels = new Uint8Array(indices.length * n);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const idx = indices[i]!;
    pixels.set(img.pixels.subarray(idx * n, idx * n + n), i * n);
    labels[i] = img.labels[idx]!;
  }
  return { ...img, count: indices.length, pixels, labels } as T;
}

/**
 * Divides an imported set into train, validation and test parts (seeded, optionally
 * stratified; a regression set never is). With `standardize`, the given feature columns of a vector set are
 * standardized with the mean and deviation of the training part only.
 */
export function divideImport<T extends LabelledSet>(
  ds: T,
  split: ImportSplit,
  standardize: readonly number[] = [],
): Result<ImportedParts<T>, string> {
  const train = 1 - split.validation - split.test;
  const fractions = { train, validation: split.validation, test: split.test };
  const r = splitIndices(ds.count, fractions, split.seed, split.stratified ? labelsOf(ds) : undefined);
  if (!r.ok) return r;
  if (r.value.train.length === 0) return err('the split leaves no training examples');
  if (r.value.test.length === 0 && r.value.validation.length === 0)
    return err('the split leaves no validation or test examples');
  let parts: ImportedParts<T> = {
    train: selectExamples(ds, r.value.train),
    validation: selectExamples(ds, r.value.validation),
    test: selectExamples(ds, r.value.test),
  };
  if (standardize.length > 0 && !isImageSet(ds)) {
    const s = fitStandardizer(ds, r.value.train, standardize);
    const std = (p: T): T => applyStandardizer(p as VectorDataset, s) as T;
    parts = { train: std(parts.train), validation: std(parts.validation), test: std(parts.test) };
  }
  return ok(parts);
}

/** Examples per class (index = class). */
export function classBalance(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l < classes) counts[l]!++;
  }
  return counts;
}
