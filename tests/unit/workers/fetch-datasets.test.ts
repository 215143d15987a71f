import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFetchDataSource } from '../../../renderer/workers/fetch-datasets';
import { labelsOf } from '../../../src/data/dataset';

const ASSETS = new URL('../../../assets/', import.meta.url);
const FASHION = { kind: 'builtin', id: 'fashion-mnist' } as const;

/** A fetch over the assets folder, as the dev server serves it at <base>datasets/... */
function assetFetch(base: string, calls: string[], missing = new Set<string>()) {
  return async (url: string) => {
    calls.push(url);
    const rel = url.slice(base.length);
    if (missing.has(rel)) return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
    const bytes = readFileSync(new URL(rel, ASSETS));
    return {
      ok: true,
      status: 200,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    };
  };
}

describe('worker data source', () => {
  const base = 'http://app.test/';

  it('fetches the four Fashion-MNIST files once and decodes them', async () => {
    const calls: string[] = [];
    const source = createFetchDataSource(base, assetFetch(base, calls));
    const { train, test } = await source.load(FASHION);
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(train.inputShape).toEqual([28, 28, 1]);
    expect(calls.sort()).toEqual(
      [
        't10k-images-idx3-ubyte',
        't10k-labels-idx1-ubyte',
        'train-images-idx3-ubyte',
        'train-labels-idx1-ubyte',
      ].map((f) => `${base}datasets/fashion-mnist/${f}.gz`),
    );
    await source.load(FASHION);
    expect(calls).toHaveLength(4);
  });

  it('serves MNIST digits from their own folder and generates toy sets without fetching', async () => {
    const calls: string[] = [];
    const source = createFetchDataSource(base, assetFetch(base, calls));
    const { train, test } = await source.load({ kind: 'builtin', id: 'mnist' });
    expect([train.count, test.count]).toEqual([8004, 1996]);
    expect(train.classes).toBe(10);
    // Interleaved by class: the first ten examples are the digits 0 to 9.
    expect(Array.from(labelsOf(train)!.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(calls.every((c) => c.startsWith(`${base}datasets/mnist/`))).toBe(true);
    const toy = await source.load({ kind: 'builtin', id: 'toy-moons' });
    expect([toy.train.count, toy.test.count]).toEqual([400, 100]);
    expect(calls).toHaveLength(4);
  });

  it('names a file the server refused, tries again next time, and refuses unknown datasets', async () => {
    const calls: string[] = [];
    const missing = new Set(['datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz']);
    const source = createFetchDataSource(base, assetFetch(base, calls, missing));
    await expect(source.load(FASHION)).rejects.toThrow(
      /t10k-labels-idx1-ubyte\.gz could not be fetched \(HTTP 404\)/,
    );
    missing.clear();
    await expect(source.load(FASHION)).resolves.toBeTruthy();
    await expect(source.load({ kind: 'builtin', id: 'cifar' })).rejects.toThrow(/'cifar' is not available/);
  });
});
