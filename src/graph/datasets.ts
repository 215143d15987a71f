import type { DatasetInfo } from '../layers/spec';
import type { DatasetRef } from './document';

/** Shape and class names of each built-in dataset, by id. */
export const BUILTIN_DATASETS: Readonly<Record<string, DatasetInfo & { classNames: readonly string[] }>> = {
  'fashion-mnist': {
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
};

/** The shape and class count of a dataset reference, or null when unknown. */
export function datasetInfo(ref: DatasetRef): DatasetInfo | null {
  if (ref.kind === 'imported') return { inputShape: ref.inputShape, classes: ref.classes };
  return BUILTIN_DATASETS[ref.id] ?? null;
}
