import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIndices } from '../../../src/data/split';
import { TOY_CLASSIFICATION_KINDS, toyClassification } from '../../../src/data/toy2d';
import { TOY_REGRESSION_KINDS, toyRegression } from '../../../src/data/toy-regression';

const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });
const noise = fc.double({ min: 0, max: 10, noNaN: true });

describe('toy generators always give finite values and valid labels', () => {
  it('classification', () => {
    const opts = fc.record({
      kind: fc.constantFrom(...TOY_CLASSIFICATION_KINDS),
      n: fc.integer({ min: 1, max: 500 }),
      noise,
      classes: fc.integer({ min: 2, max: 16 }),
      seed,
    });
    fc.assert(
      fc.property(opts, (o) => {
        const classes = o.kind === 'xor' || o.kind === 'moons' ? 2 : o.classes;
        const r = toyClassification({ ...o, classes });
        if (!r.ok) throw new Error(r.error.message);
        const ds = r.value;
        expect(ds.count).toBe(o.n);
        expect(ds.features.length).toBe(2 * o.n);
        expect(ds.features.every(Number.isFinite)).toBe(true);
        expect(ds.labels.every((l) => l < classes)).toBe(true);
        const counts = new Array<number>(classes).fill(0);
        ds.labels.forEach((l) => counts[l]!++);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('regression', () => {
    const opts = fc.record({
      kind: fc.constantFrom(...TOY_REGRESSION_KINDS),
      n: fc.integer({ min: 1, max: 500 }),
      noise,
      seed,
    });
    fc.assert(
      fc.property(opts, (o) => {
        const r = toyRegression(o);
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.targets.length).toBe(o.n);
        expect(r.value.features.every(Number.isFinite) && r.value.targets.every(Number.isFinite)).toBe(true);
      }),
    );
  });
});

describe('splitIndices', () => {
  it('partitions and, stratified, keeps every class within one example of its share per part', () => {
    const fractions = fc
      .tuple(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
      )
      .map(([a, b, c]) => ({ train: a / (a + b + c), validation: b / (a + b + c), test: c / (a + b + c) }));
    const labels = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 300 });
    fc.assert(
      fc.property(labels, fractions, seed, (ls, f, s) => {
        const r = splitIndices(ls.length, f, s, ls);
        if (!r.ok) throw new Error(r.error);
        const parts = [r.value.train, r.value.validation, r.value.test];
        expect(parts.flatMap((p) => Array.from(p)).sort((a, b) => a - b)).toEqual(ls.map((_, i) => i));
        for (const c of new Set(ls)) {
          const n = ls.filter((l) => l === c).length;
          [f.train, f.validation, f.test].forEach((share, p) => {
            const got = Array.from(parts[p]!).filter((i) => ls[i] === c).length;
            expect(Math.abs(got - n * share)).toBeLessThan(1 + 1e-9);
          });
        }
        expect(splitIndices(ls.length, f, s, ls)).toEqual(r);
      }),
    );
  });
});
