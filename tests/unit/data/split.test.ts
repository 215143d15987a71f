import { describe, expect, it } from 'vitest';
import { apportion, splitIndices, type SplitIndices } from '../../../src/data/split';
import { toyClassification } from '../../../src/data/toy2d';
import { selectRows } from '../../../src/data/vectors';

const F = { train: 0.7, validation: 0.15, test: 0.15 };

function split(count: number, seed: number, labels?: ArrayLike<number>, f = F): SplitIndices {
  const r = splitIndices(count, f, seed, labels);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const all = (s: SplitIndices): number[] => [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);

describe('splitIndices', () => {
  it('partitions every example once, with sizes floor or ceil of each share', () => {
    const s = split(101, 3);
    expect(all(s)).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([71, 15, 15]);
    expect(Array.from(s.train)).toEqual([...s.train].sort((a, b) => a - b));
  });

  it('repeats with the same seed and changes with another', () => {
    expect(split(200, 7)).toEqual(split(200, 7));
    expect(Array.from(split(200, 8).test)).not.toEqual(Array.from(split(200, 7).test));
  });

  it('stratified: each class keeps its proportion within one example per part', () => {
    const labels = Uint8Array.from({ length: 253 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2));
    const s = split(labels.length, 11, labels);
    expect(all(s)).toHaveLength(253);
    for (const c of [0, 1, 2]) {
      const n = labels.filter((l) => l === c).length;
      const parts = [s.train, s.validation, s.test];
      [F.train, F.validation, F.test].forEach((f, p) => {
        const got = Array.from(parts[p]!).filter((i) => labels[i] === c).length;
        expect(Math.abs(got - n * f)).toBeLessThan(1);
      });
    }
  });

  it('splits a dataset into independent parts with selectRows', () => {
    const ds = toyClassification({ kind: 'moons', n: 50, seed: 1 });
    if (!ds.ok) throw new Error(ds.error.message);
    const s = split(50, 1, ds.value.labels);
    const test = selectRows(ds.value, s.test);
    expect(test.count).toBe(s.test.length);
    const i = s.test[2]!;
    expect(Array.from(test.features.subarray(4, 6))).toEqual(
      Array.from(ds.value.features.subarray(2 * i, 2 * i + 2)),
    );
    expect(test.labels[2]).toBe(ds.value.labels[i]);
  });

  it.each([
    [{ train: 0.5, validation: 0.5, test: 0.5 }, 10, undefined, /add up to 1/],
    [{ train: -0.5, validation: 1, test: 0.5 }, 10, undefined, /from 0 to 1/],
    [F, 2.5, undefined, /whole number/],
    [F, 3, [0, 1], /expected 3 labels/],
  ])('refuses bad arguments %#', (f, count, labels, msg) => {
    const r = splitIndices(count, f, 1, labels);
    expect(!r.ok && r.error).toMatch(msg);
  });

  it('apportion deals by largest remainder', () => {
    expect(apportion(10, [0.7, 0.15, 0.15])).toEqual([7, 2, 1]);
    expect(apportion(0, [0.7, 0.15, 0.15])).toEqual([0, 0, 0]);
    expect(apportion(3, [1 / 3, 1 / 3, 1 / 3])).toEqual([1, 1, 1]);
  });
});
