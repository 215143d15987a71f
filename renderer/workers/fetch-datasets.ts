import { datasetFromIdx, type ImageDataset } from '../../src/data/dataset';
import { isToyRef, loadToyParts } from '../../src/data/toy-builtin';
import { IDX_DATASETS } from '../../src/graph/datasets';
import type { DatasetRef } from '../../src/graph/document';
import type { DataSource } from '../../src/runtime/trainer';

/** The IDX files of a built-in image set as served: raw gzip bytes (the IDX reader gunzips them). */
const IDX_FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** Fetches one file's bytes, naming it when the server refuses. */
async function fetchBytes(fetchFn: Fetch, url: string): Promise<Uint8Array> {
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`${url} could not be fetched (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Fetches and decodes one split of a built-in image set. */
async function fetchSplit(
  fetchFn: Fetch,
  dir: string,
  names: { images: string; labels: string },
): Promise<ImageDataset> {
  const [images, labels] = await Promise.all([
    fetchBytes(fetchFn, `${dir}${names.images}.gz`),
    fetchBytes(fetchFn, `${dir}${names.labels}.gz`),
  ]);
  const r = datasetFromIdx(
    images,
    labels,
    { images: `${names.images}.gz`, labels: `${names.labels}.gz` },
    10,
  );
  if (!r.ok) throw new Error(`${r.error.file}: ${r.error.message}`);
  return r.value;
}

/**
 * The worker's data source: built-in datasets fetched from `<baseUrl>datasets/<id>/`,
 * toy sets generated from their seed.
 * The decoded sets are kept (in this source, not the module) so later runs start at once.
 */
export function createFetchDataSource(baseUrl: string, fetchFn: Fetch = (url) => fetch(url)): DataSource {
  const cache = new Map<string, Promise<{ train: ImageDataset; test: ImageDataset }>>();
  return {
    load(ref: DatasetRef) {
      if (isToyRef(ref)) {
        try {
          return Promise.resolve(loadToyParts(ref));
        } catch (e) {
          return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
      }
      if (ref.kind !== 'builtin' || !IDX_DATASETS.includes(ref.id)) {
        return Promise.reject(new Error(`the dataset '${ref.id}' is not available in the training worker`));
      }
      const dir = `${baseUrl}datasets/${ref.id}/`;
      let sets = cache.get(ref.id);
      if (!sets) {
        sets = Promise.all([
          fetchSplit(fetchFn, dir, IDX_FILES.train),
          fetchSplit(fetchFn, dir, IDX_FILES.test),
        ]).then(([train, test]) => ({ train, test }));
        cache.set(ref.id, sets);
        // A failed download is not cached, so the next run tries again.
        sets.catch(() => cache.delete(ref.id));
      }
      return sets;
    },
  };
}
