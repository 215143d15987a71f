import { planeExtent } from '../../src/data/extent';
import { generateToy } from '../../src/data/toy-builtin';
import { BUILTIN_DATASETS } from '../../src/graph/datasets';
import type { DatasetRef } from '../../src/graph/document';
import type { PlanePoints } from '../charts/plane-draw';

/** The groups of the dataset picker, each a catalog key and the built-in ids in it. */
export const DATASET_GROUPS: readonly { key: string; ids: readonly string[] }[] = [
  { key: 'ui.datasetPanel.groupImages', ids: ['fashion-mnist', 'mnist'] },
  {
    key: 'ui.datasetPanel.groupToy',
    ids: Object.keys(BUILTIN_DATASETS).filter(
      (id) => BUILTIN_DATASETS[id]!.generator?.family === 'toy-classification',
    ),
  },
  {
    key: 'ui.datasetPanel.groupRegression',
    ids: Object.keys(BUILTIN_DATASETS).filter(
      (id) => BUILTIN_DATASETS[id]!.generator?.family === 'toy-regression',
    ),
  },
];

/** The picker's value for a reference: the built-in id, or a prefixed id for an imported set. */
export const pickerValue = (ref: DatasetRef): string =>
  ref.kind === 'builtin' ? ref.id : `imported:${ref.id}`;

/**
 * The points a preview draws for a generated set: 2D inputs coloured by class; a 1D
 * regression set as (x, y) pairs; a 2D regression set as its inputs. Null for other sets.
 */
export function previewPoints(ref: DatasetRef): PlanePoints | null {
  const r = generateToy(ref);
  if (!r.ok) return null;
  const ds = r.value;
  let features = ds.features;
  if (ds.task === 'regression' && ds.inputShape[0] === 1) {
    features = new Float32Array(ds.count * 2);
    for (let i = 0; i < ds.count; i++) {
      features[2 * i] = ds.features[i]!;
      features[2 * i + 1] = ds.targets[i]!;
    }
  } else if (ds.inputShape[0] !== 2) return null;
  const extent = planeExtent([features]);
  if (!extent) return null;
  return { extent, features, count: ds.count, labels: ds.task === 'classification' ? ds.labels : null };
}
