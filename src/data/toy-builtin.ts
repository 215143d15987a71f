import { BUILTIN_DATASETS, generatorOptionsOf } from '../graph/datasets';
import type { DatasetRef } from '../graph/document';
import { err, ok, type Result } from '../util/result';
import type { DataError } from './idx';
import { splitIndices } from './split';
import { toyRegression, TOY_REGRESSION_KINDS, type ToyRegressionKind } from './toy-regression';
import { toyClassification, TOY_CLASSIFICATION_KINDS, type ToyClassificationKind } from './toy2d';
import { selectRows, type ClassificationVectors, type VectorDataset } from './vectors';

/** Share of a generated set held back as its test part. */
export const TOY_TEST_FRACTION = 0.2;

const isClassKind = (k: string): k is ToyClassificationKind =>
  (TOY_CLASSIFICATION_KINDS as readonly string[]).includes(k);
const isRegressionKind = (k: string): k is ToyRegressionKind =>
  (TOY_REGRESSION_KINDS as readonly string[]).includes(k);

/** Whether a reference names a generated (toy) built-in set. */
export const isToyRef = (ref: DatasetRef): boolean => generatorOptionsOf(ref) !== null;

/** Every example of a built-in toy reference, in generation order (for previews). */
export function generateToy(ref: DatasetRef): Result<VectorDataset, DataError> {
  const opts = generatorOptionsOf(ref);
  const gen = BUILTIN_DATASETS[ref.id]?.generator;
  if (!opts || !gen) return err({ file: `dataset:${ref.id}`, message: 'not a generated built-in dataset' });
  const { size: n, noise, classes, seed } = opts;
  if (gen.family === 'toy-classification' && isClassKind(gen.kind)) {
    return toyClassification({ kind: gen.kind, n, noise, classes, seed });
  }
  if (gen.family === 'toy-regression' && isRegressionKind(gen.kind)) {
    return toyRegression({ kind: gen.kind, n, noise, seed });
  }
  return err({ file: `dataset:${ref.id}`, message: `unknown generator ${gen.kind}` });
}

/**
 * A toy set divided into training and test parts: seeded by the reference's own seed,
 * stratified by class for classification sets, {@link TOY_TEST_FRACTION} held out.
 */
export function loadToy(ref: DatasetRef): Result<{ train: VectorDataset; test: VectorDataset }, DataError> {
  const all = generateToy(ref);
  if (!all.ok) return all;
  const ds = all.value;
  const seed = generatorOptionsOf(ref)!.seed;
  const labels = ds.task === 'classification' ? ds.labels : undefined;
  const split = splitIndices(
    ds.count,
    { train: 1 - TOY_TEST_FRACTION, validation: 0, test: TOY_TEST_FRACTION },
    seed,
    labels,
  );
  if (!split.ok) return err({ file: `dataset:${ref.id}`, message: split.error });
  return ok({ train: selectRows(ds, split.value.train), test: selectRows(ds, split.value.test) });
}

/**
 * A toy set's training and test parts, for a trainer's data source (class labels or
 * regression targets). Throws an Error in words for bad options, which the runtime
 * reports as 'train/data'.
 */
export function loadToyParts(ref: DatasetRef): { train: VectorDataset; test: VectorDataset } {
  const r = loadToy(ref);
  if (!r.ok) throw new Error(`${r.error.file}: ${r.error.message}`);
  return r.value;
}

/**
 * A toy classification set's training and test parts (for callers that need class
 * labels). Throws an Error in words for a regression set or bad options.
 */
export function loadToyForTraining(ref: DatasetRef): {
  train: ClassificationVectors;
  test: ClassificationVectors;
} {
  const { train, test } = loadToyParts(ref);
  if (train.task !== 'classification' || test.task !== 'classification') {
    throw new Error(`'${ref.id}' is a regression set, and this needs a classification set`);
  }
  return { train, test };
}
