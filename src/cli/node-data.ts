import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { datasetFromIdx, type ImageDataset } from '../data/dataset';
import type { DatasetRef } from '../graph/document';
import type { DataSource } from '../runtime/trainer';

const FASHION_DIR = new URL('../../assets/datasets/fashion-mnist/', import.meta.url);

/** Reads one split of Fashion-MNIST from the .gz files in assets. */
export function readFashionMnist(split: 'train' | 't10k'): ImageDataset {
  const images = `${split}-images-idx3-ubyte.gz`;
  const labels = `${split}-labels-idx1-ubyte.gz`;
  const r = datasetFromIdx(
    readFileSync(new URL(images, FASHION_DIR)),
    readFileSync(new URL(labels, FASHION_DIR)),
    { images, labels },
    10,
  );
  if (!r.ok) throw new Error(`${r.error.file}: ${r.error.message}`);
  return r.value;
}

/**
 * A data source over the assets' Fashion-MNIST, for the CLI and Node tests. The files
 * are read and decoded once per source and shared by its runs.
 */
export function fashionMnistSource(): DataSource {
  let cached: { train: ImageDataset; test: ImageDataset } | null = null;
  return {
    async load(ref: DatasetRef) {
      if (ref.kind !== 'builtin' || ref.id !== 'fashion-mnist') throw new Error(`unknown dataset ${ref.id}`);
      cached ??= { train: readFashionMnist('train'), test: readFashionMnist('t10k') };
      return cached;
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
