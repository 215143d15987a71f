import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImportedParts } from '../../src/data/imported';
import type { DataPart } from '../../src/training/protocol';
import { isRegressionSet, type LabelledSet } from '../../src/data/dataset';

/** An imported dataset prepared for training: its parts and class names, keyed by its content hash. */
export interface ImportedData {
  hash: string;
  name: string;
  classNames: string[];
  parts: ImportedParts;
}

/** The imported datasets of this session (the document refers to them by hash). */
export interface DatasetStoreState {
  byHash: Readonly<Record<string, ImportedData>>;
  put(data: ImportedData): void;
}

/** Creates the store of imported datasets. */
export function createDatasetStore(): StoreApi<DatasetStoreState> {
  return createStore<DatasetStoreState>()((set, get) => ({
    byHash: {},
    put: (data) => set({ byHash: { ...get().byHash, [data.hash]: data } }),
  }));
}

/** A part as the trainer protocol carries it (the page keeps its own copy: messages are cloned). */
export function toLabelledPart(ds: LabelledSet): DataPart {
  if (isRegressionSet(ds)) {
    const { count, features, targets } = ds;
    return { task: 'regression', count, inputShape: [...ds.inputShape], features, targets };
  }
  const base = { count: ds.count, inputShape: [...ds.inputShape], classes: ds.classes, labels: ds.labels };
  return 'pixels' in ds ? { ...base, pixels: ds.pixels } : { ...base, features: ds.features };
}

/** The data a 'start' message carries for an import. */
export function runData(d: ImportedData): {
  train: DataPart;
  test: DataPart;
  validation?: DataPart;
} {
  const { train, validation, test } = d.parts;
  return {
    train: toLabelledPart(train),
    test: toLabelledPart(test.count > 0 ? test : validation),
    ...(validation.count > 0 && { validation: toLabelledPart(validation) }),
  };
}
