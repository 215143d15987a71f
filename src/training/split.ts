import { exampleSize, isImageSet, type LabelledSet } from '../data/dataset';
import { selectRows } from '../data/vectors';
import { splitIndices } from '../data/split';

/** A training set divided into what is trained on and what is held out for validation. */
export interface ValidationSplit {
  /** Indices (ascending) of the examples trained on. */
  train: Uint32Array;
  /** Indices (ascending) of the held-out examples. */
  heldOut: Uint32Array;
}

/**
 * Holds out `fraction` of a labelled training set for validation: seeded and stratified
 * by class (src/data/split.ts; a regression set is not stratified), so every class keeps
 * its share on both sides and the same seed always holds out the same examples.
 */
export function validationSplit(
  ds: { count: number; labels?: Uint8Array },
  fraction: number,
  seed: number,
): ValidationSplit {
  const r = splitIndices(ds.count, { train: 1 - fraction, validation: fraction, test: 0 }, seed, ds.labels);
  // The fractions come from a validated config, so the splitter cannot refuse them.
  if (!r.ok) throw new Error(r.error);
  return { train: r.value.train, heldOut: r.value.validation };
}

/** A dataset of the given examples, in that order (copies their bytes or rows). */
export function gatherExamples<T extends LabelledSet>(ds: T, indices: Uint32Array): T {
  if (!isImageSet(ds)) return selectRows(ds as Exclude<LabelledSet, { pixels: Uint8Array }>, indices) as T;
  const n = exampleSize(ds);
  const pixels = new Uint8Array(indices.length * n);
  const labels = new Uint8Array(indices.length);
  indices.forEach((idx, i) => {
    pixels.set(ds.pixels.subarray(idx * n, idx * n + n), i * n);
    labels[i] = ds.labels[idx]!;
  });
  return { ...ds, count: indices.length, pixels, labels };
}
