import { createRng, shuffledIndices } from '../util/random';
import { exampleSize, isImageSet, isRegressionSet, targetWidth, type LabelledSet } from './dataset';

/**
 * A batch in reused buffers: `x` (image bytes scaled to [0, 1], float rows as they are),
 * `y` one-hot (or, for a regression set, the target values, `labels` then all 0).
 * Only the first `size` rows are valid.
 */
export interface Batch {
  size: number;
  x: Float32Array;
  y: Float32Array;
  labels: Uint8Array;
}

/**
 * Builds batches for one dataset into buffers allocated once; the dataset itself
 * is never copied. Shuffling is seeded by (seed, epoch) so runs repeat exactly.
 */
export class Batcher {
  private readonly order: Uint32Array;
  private readonly full: Batch;
  private readonly tail: Batch | null;

  constructor(
    private readonly ds: LabelledSet,
    readonly batchSize: number,
  ) {
    this.order = new Uint32Array(ds.count);
    for (let i = 0; i < ds.count; i++) this.order[i] = i;
    this.full = this.alloc(Math.min(batchSize, ds.count));
    const rest = ds.count % batchSize;
    this.tail = rest > 0 && ds.count > batchSize ? this.alloc(rest) : null;
  }

  /** Number of batches per epoch (the last one may be short). */
  get batchesPerEpoch(): number {
    return Math.ceil(this.ds.count / this.batchSize);
  }

  /** Reshuffles the example order for an epoch. */
  shuffle(seed: number, epoch: number): void {
    shuffledIndices(this.ds.count, createRng((seed * 7919 + epoch * 104729) >>> 0), this.order);
  }

  /** Fills and returns batch `b` of the current order. */
  batch(b: number): Batch {
    const start = b * this.batchSize;
    const size = Math.min(this.batchSize, this.ds.count - start);
    const out = size === this.full.size ? this.full : this.tail!;
    const n = exampleSize(this.ds);
    const width = targetWidth(this.ds);
    out.y.fill(0);
    const ds = this.ds;
    for (let r = 0; r < size; r++) {
      const idx = this.order[start + r]!;
      const base = r * n;
      if (isImageSet(ds)) {
        const src = ds.pixels.subarray(idx * n, idx * n + n);
        for (let k = 0; k < n; k++) out.x[base + k] = src[k]! / 255;
      } else {
        out.x.set(ds.features.subarray(idx * n, idx * n + n), base);
      }
      if (isRegressionSet(ds)) {
        out.y[r] = ds.targets[idx]!;
        continue;
      }
      const label = ds.labels[idx]!;
      out.labels[r] = label;
      out.y[r * width + label] = 1;
    }
    return out;
  }

  private alloc(size: number): Batch {
    return {
      size,
      x: new Float32Array(size * exampleSize(this.ds)),
      y: new Float32Array(size * targetWidth(this.ds)),
      labels: new Uint8Array(size),
    };
  }
}
