import { datasetFromIdx, type ImageDataset } from '../../src/data/dataset';
import type { DatasetRef } from '../../src/graph/document';
import type { DataSource } from '../../src/runtime/trainer';

/** The Fashion-MNIST files as served: raw gzip bytes (the IDX reader gunzips them). */
const FASHION_FILES = {
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

/** Fetches and decodes one split of Fashion-MNIST. */
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
 * The worker's data source: built-in datasets fetched from `<baseUrl>datasets/<id>/`.
 * The decoded sets are kept (in this source, not the module) so later runs start at once.
 */
export function createFetchDataSource(baseUrl: string, fetchFn: Fetch = (url) => fetch(url)): DataSource {
  let fashion: Promise<{ train: ImageDataset; test: ImageDataset }> | null = null;
  return {
    load(ref: DatasetRef) {
      if (ref.kind !== 'builtin' || ref.id !== 'fashion-mnist') {
        return Promise.reject(new Error(`the dataset '${ref.id}' is not available in the training worker`));
      }
      const dir = `${baseUrl}datasets/fashion-mnist/`;
      fashion ??= Promise.all([
        fetchSplit(fetchFn, dir, FASHION_FILES.train),
        fetchSplit(fetchFn, dir, FASHION_FILES.test),
      ]).then(([train, test]) => ({ train, test }));
      // A failed download is not cached, so the next run tries again.
      fashion.catch(() => (fashion = null));
      return fashion;
    },
  };
}
