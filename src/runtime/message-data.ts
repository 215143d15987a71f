import type { LabelledSet } from '../data/dataset';
import type { DataPart, LabelledPart, RegressionPart, ToTrainer } from '../training/protocol';
import type { MessageValues } from '../util/format';
import { TrainFailure } from './failure';

/** The sets a run trains and evaluates on; `validation` only when the data came with one. */
export interface RunSets {
  train: LabelledSet;
  test: LabelledSet;
  validation?: LabelledSet;
}

const failer =
  (name: string) =>
  (what: string): never => {
    // name is 'training', 'test' or 'validation': each has its catalog entry.
    throw new TrainFailure('train/data', { key: `data-inconsistent-${name}`, values: { error: what } });
  };

/**
 * A regression part as a set, after checking its lengths (one target value per example).
 * Each check has its own catalog entry per part ('data-targets-training', ...).
 */
function regressionToSet(part: RegressionPart, name: string): LabelledSet {
  const width = part.inputShape.reduce((a, b) => a * b, 1);
  const fail = (check: 'targets' | 'values', values: MessageValues): never => {
    throw new TrainFailure('train/data', { key: `data-${check}-${name}`, values });
  };
  if (part.targets.length !== part.count)
    fail('targets', { targets: part.targets.length, count: part.count });
  if (part.features.length !== part.count * width)
    fail('values', { values: part.features.length, expected: part.count * width, count: part.count });
  const { count, inputShape, features, targets } = part;
  return { task: 'regression', count, inputShape, classes: 0, classNames: [], features, targets };
}

/** A part sent with 'start' as a labelled set, after checking its lengths against count and shape. */
function partToSet(part: DataPart, name: string): LabelledSet {
  if ('task' in part) return regressionToSet(part, name);
  return labelledToSet(part, name);
}

function labelledToSet(part: LabelledPart, name: string): LabelledSet {
  const width = part.inputShape.reduce((a, b) => a * b, 1);
  const fail = failer(name);
  if (part.labels.length !== part.count) fail(`${part.labels.length} labels for ${part.count} examples`);
  const bad = part.labels.findIndex((l) => l >= part.classes);
  if (bad >= 0) fail(`label ${part.labels[bad]} at example ${bad} is not below ${part.classes}`);
  const base = { count: part.count, inputShape: part.inputShape, classes: part.classes, labels: part.labels };
  if (part.pixels && !part.features) {
    if (part.pixels.length !== part.count * width)
      fail(`${part.pixels.length} pixel values, expected ${part.count * width}`);
    return { ...base, pixels: part.pixels };
  }
  if (part.features && !part.pixels) {
    if (part.features.length !== part.count * width)
      fail(`${part.features.length} values, expected ${part.count * width}`);
    const classNames = Array.from({ length: part.classes }, (_, c) => String(c));
    return { ...base, task: 'classification', classNames, features: part.features };
  }
  return fail('exactly one of pixels and features is needed');
}

/** The sets carried by a 'start' message, or null when it carries none. */
export function setsFromMessage(data: Extract<ToTrainer, { type: 'start' }>['data']): RunSets | null {
  if (!data) return null;
  const sets: RunSets = { train: partToSet(data.train, 'training'), test: partToSet(data.test, 'test') };
  if (data.validation) sets.validation = partToSet(data.validation, 'validation');
  return sets;
}
