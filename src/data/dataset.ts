import { err, ok, type Result } from '../util/result';
import { readIdx, type DataError } from './idx';
import type { ClassificationVectors, RegressionVectors } from './vectors';

/**
 * An image classification dataset held once in memory as bytes: pixels are
 * scaled to [0, 1] only when a batch is built.
 */
export interface ImageDataset {
  count: number;
  /** One example's shape, e.g. [28, 28, 1]. */
  inputShape: number[];
  classes: number;
  /** count × prod(inputShape) bytes. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Joins an IDX image file and its label file into a dataset. */
export function datasetFromIdx(
  images: Uint8Array,
  labels: Uint8Array,
  names: { images: string; labels: string },
  classes: number,
): Result<ImageDataset, DataError> {
  const img = readIdx(images, names.images);
  if (!img.ok) return img;
  const lab = readIdx(labels, names.labels);
  if (!lab.ok) return lab;
  if (img.value.dims.length !== 3) {
    return err({ file: names.images, message: `expected N×H×W images, got ${img.value.dims.join('x')}` });
  }
  if (lab.value.dims.length !== 1 || lab.value.dims[0] !== img.value.dims[0]) {
    return err({
      file: names.labels,
      message: `expected ${img.value.dims[0]} labels, got ${lab.value.dims.join('x')}`,
    });
  }
  const bad = lab.value.data.findIndex((l) => l >= classes);
  if (bad >= 0) {
    return err({
      file: names.labels,
      message: `label ${lab.value.data[bad]} at index ${bad} is not below ${classes}`,
    });
  }
  const [n, h, w] = img.value.dims as [number, number, number];
  return ok({ count: n, inputShape: [h, w, 1], classes, pixels: img.value.data, labels: lab.value.data });
}

/**
 * Any labelled set a trainer can batch: images held as bytes (scaled to [0, 1] per batch)
 * or rows of floats used as they are (toy sets, CSV tables), with class labels or, for a
 * regression set, one target value per row.
 */
export type LabelledSet = ImageDataset | ClassificationVectors | RegressionVectors;

/** Whether a labelled set holds image bytes (rather than float rows). */
export const isImageSet = (ds: LabelledSet): ds is ImageDataset => 'pixels' in ds;

/** Whether a labelled set carries regression targets (rather than class labels). */
export const isRegressionSet = (ds: LabelledSet): ds is RegressionVectors =>
  'task' in ds && ds.task === 'regression';

/** The class labels of a set; undefined for a regression set (so splits are not stratified). */
export const labelsOf = (ds: LabelledSet): Uint8Array | undefined =>
  isRegressionSet(ds) ? undefined : ds.labels;

/** Values of a batch's `y` per example: the class count (one-hot), or 1 target value for regression. */
export const targetWidth = (ds: LabelledSet): number => (isRegressionSet(ds) ? 1 : ds.classes);

/** The first `n` examples (a view, no copy). */
export function takeFirst<T extends LabelledSet>(ds: T, n: number): T {
  const count = Math.min(n, ds.count);
  const size = exampleSize(ds);
  if (isImageSet(ds)) {
    const pixels = ds.pixels.subarray(0, count * size);
    return { ...ds, count, pixels, labels: ds.labels.subarray(0, count) };
  }
  const features = ds.features.subarray(0, count * size);
  if (isRegressionSet(ds)) return { ...ds, count, features, targets: ds.targets.subarray(0, count) };
  const vectors = ds as ClassificationVectors;
  return { ...vectors, count, features, labels: vectors.labels.subarray(0, count) } as T;
}

/** Values per example. */
export const exampleSize = (ds: Pick<ImageDataset, 'inputShape'>): number =>
  ds.inputShape.reduce((a, b) => a * b, 1);
