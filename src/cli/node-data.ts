import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { datasetFromIdx, type ImageDataset } from '../data/dataset';
import { isToyRef, loadToyParts } from '../data/toy-builtin';
import { IDX_DATASETS } from '../graph/datasets';
import type { DatasetRef } from '../graph/document';
import type { DataSource } from '../runtime/trainer';

const DATASETS_DIR = new URL('../../assets/datasets/', import.meta.url);

/** Reads one split of a built-in image set (Fashion-MNIST by default) from the .gz files in assets. */
export function readFashionMnist(split: 'train' | 't10k', id = 'fashion-mnist'): ImageDataset {
  const dir = new URL(`${id}/`, DATASETS_DIR);
  const images = `${split}-images-idx3-ubyte.gz`;
  const labels = `${split}-labels-idx1-ubyte.gz`;
  const r = datasetFromIdx(
    readFileSync(new URL(images, dir)),
    readFileSync(new URL(labels, dir)),
    { images, labels },
    10,
  );
  if (!r.ok) throw new Error(`${r.error.file}: ${r.error.message}`);
  return r.value;
}

/**
 * A data source over the assets' image sets (Fashion-MNIST, MNIST digits), for the CLI
 * and Node tests. The files are read and decoded once per source and shared by its runs.
 */
export function fashionMnistSource(): DataSource {
  const cached = new Map<string, { train: ImageDataset; test: ImageDataset }>();
  return {
    async load(ref: DatasetRef) {
      if (ref.kind !== 'builtin' || !IDX_DATASETS.includes(ref.id))
        throw new Error(`unknown dataset ${ref.id}`);
      let sets = cached.get(ref.id);
      if (!sets) {
        sets = { train: readFashionMnist('train', ref.id), test: readFashionMnist('t10k', ref.id) };
        cached.set(ref.id, sets);
      }
      return sets;
    },
  };
}

/**
 * The folder (with trailing separator) holding tfjs-backend-wasm's .wasm files in
 * node_modules: the `wasmPaths` the wasm backend needs in Node.
 */
export function nodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

/** A data source over the generated toy sets (no files: the reference's seed makes them). */
export function toySource(): DataSource {
  return {
    load(ref: DatasetRef) {
      if (!isToyRef(ref)) return Promise.reject(new Error(`'${ref.id}' is not a generated toy set`));
      try {
        return Promise.resolve(loadToyParts(ref));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
  };
}
