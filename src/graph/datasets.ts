import type { DatasetInfo } from '../layers/spec';
import type { DatasetRef, GeneratorOptions } from './document';

/** How a generated built-in set is made: which generator family and kind, and its defaults. */
export interface BuiltinGenerator {
  family: 'toy-classification' | 'toy-regression';
  /** The generator's own name for the kind (src/data/toy2d.ts, src/data/toy-regression.ts). */
  kind: string;
  /** Whether the class count can be chosen (spiral, circles, blobs); otherwise it is fixed. */
  adjustableClasses: boolean;
  defaults: GeneratorOptions;
}

/** One built-in dataset: its example shape, classes (0 for regression), names and generator. */
export interface BuiltinDataset extends DatasetInfo {
  task: 'classification' | 'regression';
  classNames: readonly string[];
  /** Present for seeded toy sets, which are generated rather than downloaded. */
  generator?: BuiltinGenerator;
}

const toyClassification = (
  kind: string,
  adjustableClasses: boolean,
  defaults: GeneratorOptions,
): BuiltinDataset => ({
  task: 'classification',
  inputShape: [2],
  classes: defaults.classes,
  classNames: [],
  generator: { family: 'toy-classification', kind, adjustableClasses, defaults },
});

const toyRegression = (kind: string, width: number, noise: number): BuiltinDataset => ({
  task: 'regression',
  inputShape: [width],
  classes: 0,
  classNames: [],
  generator: {
    family: 'toy-regression',
    kind,
    adjustableClasses: false,
    defaults: { size: 500, noise, classes: 2, seed: 1 },
  },
});

/** Shape and class names of each built-in dataset, by id (the order a picker lists them in). */
export const BUILTIN_DATASETS: Readonly<Record<string, BuiltinDataset>> = {
  'fashion-mnist': {
    task: 'classification',
    inputShape: [28, 28, 1],
    classes: 10,
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
  },
  mnist: {
    task: 'classification',
    inputShape: [28, 28, 1],
    classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  'toy-spiral': toyClassification('spiral', true, { size: 1500, noise: 0.03, classes: 3, seed: 1 }),
  'toy-circles': toyClassification('circles', true, { size: 500, noise: 0.05, classes: 2, seed: 1 }),
  'toy-xor': toyClassification('xor', false, { size: 500, noise: 0.05, classes: 2, seed: 1 }),
  'toy-blobs': toyClassification('blobs', true, { size: 500, noise: 0.2, classes: 3, seed: 1 }),
  'toy-moons': toyClassification('moons', false, { size: 500, noise: 0.1, classes: 2, seed: 1 }),
  'toy-line': toyRegression('line', 1, 0.1),
  'toy-sine': toyRegression('sine', 1, 0.1),
  'toy-saddle': toyRegression('saddle', 2, 0.05),
};

/** The generator options a built-in toy reference stands for: its own, else the set's defaults; null for non-toy sets. */
export function generatorOptionsOf(ref: DatasetRef): GeneratorOptions | null {
  if (ref.kind !== 'builtin') return null;
  const gen = BUILTIN_DATASETS[ref.id]?.generator;
  if (!gen) return null;
  const opts = ref.options ?? gen.defaults;
  return gen.adjustableClasses ? opts : { ...opts, classes: gen.defaults.classes };
}

/** The shape and class count of a dataset reference, or null when unknown. */
export function datasetInfo(ref: DatasetRef): DatasetInfo | null {
  if (ref.kind === 'imported') return { inputShape: ref.inputShape, classes: ref.classes };
  const builtin = BUILTIN_DATASETS[ref.id];
  if (!builtin) return null;
  const opts = generatorOptionsOf(ref);
  return {
    inputShape: builtin.inputShape,
    classes: builtin.task === 'classification' && opts ? opts.classes : builtin.classes,
  };
}

/** Whether a reference's targets are classes or values. */
export function datasetTask(ref: DatasetRef): 'classification' | 'regression' {
  if (ref.kind === 'imported') return ref.task ?? 'classification';
  return BUILTIN_DATASETS[ref.id]?.task ?? 'classification';
}

/** The built-in image sets served as gzipped IDX files (`datasets/<id>/{train,t10k}-{images,labels}-...gz`). */
export const IDX_DATASETS: readonly string[] = ['fashion-mnist', 'mnist'];
