import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../../src/data/batches';
import { datasetFromIdx, type ImageDataset } from '../../../src/data/dataset';
import { readIdx } from '../../../src/data/idx';

function idx(dims: number[], values: number[]): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  head.set([0, 0, 8, dims.length]);
  const v = new DataView(head.buffer);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(head.length + values.length);
  out.set(head);
  out.set(values, head.length);
  return out;
}

describe('IDX reader', () => {
  it('reads plain and gzipped files', () => {
    const f = idx([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
    for (const bytes of [f, gzipSync(f)]) {
      const r = readIdx(bytes, 'x.idx');
      expect(r.ok && r.value.dims).toEqual([2, 2, 2]);
      expect(r.ok && Array.from(r.value.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it.each([
    ['bad magic', new Uint8Array([1, 2, 8, 1, 0, 0, 0, 1, 5]), /magic/],
    ['unsupported type', new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 1, 5]), /data type/],
    ['truncated header', new Uint8Array([0, 0, 8, 3, 0, 0]), /truncated/],
    ['header claims too much', idx([1000, 28, 28], [1, 2, 3]), /claims 784000 values/],
    ['truncated gzip', gzipSync(idx([4], [1, 2, 3, 4])).subarray(0, 12), /gzip/],
  ])('rejects %s and names the file', (_name, bytes, msg) => {
    const r = readIdx(bytes, 'broken.gz');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.file).toBe('broken.gz');
      expect(r.error.message).toMatch(msg);
    }
  });

  it('joins images and labels, refusing labels beyond the class count', () => {
    const images = idx([3, 2, 2], Array.from({ length: 12 }, (_, i) => i));
    const ok = datasetFromIdx(images, idx([3], [0, 1, 2]), { images: 'i', labels: 'l' }, 3);
    expect(ok.ok && ok.value.inputShape).toEqual([2, 2, 1]);
    const bad = datasetFromIdx(images, idx([3], [0, 5, 2]), { images: 'i', labels: 'l' }, 3);
    expect(!bad.ok && bad.error.message).toMatch(/label 5 at index 1/);
    const short = datasetFromIdx(images, idx([2], [0, 1]), { images: 'i', labels: 'l' }, 3);
    expect(!short.ok && short.error.file).toBe('l');
  });
});

describe('Batcher', () => {
  const ds: ImageDataset = {
    count: 5,
    inputShape: [1, 1, 1],
    classes: 5,
    pixels: new Uint8Array([0, 51, 102, 153, 255]),
    labels: new Uint8Array([0, 1, 2, 3, 4]),
  };

  it('covers every example once per epoch, scaled, one-hot, with a short last batch', () => {
    const b = new Batcher(ds, 2);
    b.shuffle(1, 0);
    expect(b.batchesPerEpoch).toBe(3);
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const batch = b.batch(i);
      expect(batch.size).toBe(i < 2 ? 2 : 1);
      for (let r = 0; r < batch.size; r++) {
        const label = batch.labels[r]!;
        seen.push(label);
        expect(batch.x[r]).toBeCloseTo(ds.pixels[label]! / 255, 6);
        expect(batch.y[r * 5 + label]).toBe(1);
        expect(batch.y.slice(r * 5, r * 5 + 5).reduce((a, c) => a + c, 0)).toBe(1);
      }
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('reuses its buffers and shuffles reproducibly per seed and epoch', () => {
    const b = new Batcher(ds, 2);
    b.shuffle(7, 3);
    const first = b.batch(0);
    const labelsA = Array.from(first.labels);
    expect(b.batch(1)).toBe(first);
    const c = new Batcher(ds, 2);
    c.shuffle(7, 3);
    expect(Array.from(c.batch(0).labels)).toEqual(labelsA);
    const orders = new Set<string>();
    for (let e = 0; e < 6; e++) {
      c.shuffle(7, e);
      orders.add([0, 1, 2].map((i) => Array.from(c.batch(i).labels.subarray(0, c.batch(i).size)).join()).join('|'));
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});
