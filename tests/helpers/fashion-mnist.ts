import { readFileSync } from 'node:fs';
import { datasetFromIdx, type ImageDataset } from '../../src/data/dataset';
import type { DatasetRef } from '../../src/graph/document';
import type { DataSource } from '../../src/runtime/trainer';

const DIR = new URL('../../assets/datasets/fashion-mnist/', import.meta.url);

/** Reads one split of Fashion-MNIST from the .gz files in assets. */
export function readFashionMnist(split: 'train' | 't10k'): ImageDataset {
  const images = `${split}-images-idx3-ubyte.gz`;
  const labels = `${split}-labels-idx1-ubyte.gz`;
  const r = datasetFromIdx(
    readFileSync(new URL(images, DIR)),
    readFileSync(new URL(labels, DIR)),
    { images, labels },
    10,
  );
  if (!r.ok) throw new Error(`${r.error.file}: ${r.error.message}`);
  return r.value;
}

/**
 * A data source over the assets' Fashion-MNIST for trainer tests. The files are read
 * and decoded once per source and shared by its runs.
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
