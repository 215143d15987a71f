import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CSV_SETTINGS, prepareCsvImport } from '../../../src/data/csv-import';
import type { ImageDataset } from '../../../src/data/dataset';
import { classBalance, divideImport, selectExamples } from '../../../src/data/imported';
import type { ClassificationVectors } from '../../../src/data/vectors';
import { combinedHash, contentHash } from '../../../src/util/hash';

const fixture = readFileSync(new URL('../../fixtures/datasets/points.csv', import.meta.url), 'utf8');

const vectors = (n: number, classes: number): ClassificationVectors => ({
  task: 'classification',
  count: n,
  inputShape: [2],
  classes,
  classNames: Array.from({ length: classes }, (_, c) => `c${c}`),
  features: Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? i : 10 + 3 * i)),
  labels: Uint8Array.from({ length: n }, (_, i) => i % classes),
});

describe('dividing an import', () => {
  it('keeps every example exactly once, stratified by class, the same for the same seed', () => {
    const ds = vectors(100, 4);
    const split = { validation: 0.1, test: 0.2, seed: 3, stratified: true };
    const a = divideImport(ds, split);
    if (!a.ok) throw new Error(a.error);
    const { train, validation, test } = a.value;
    expect(train.count + validation.count + test.count).toBe(100);
    expect(classBalance(test.labels, 4)).toEqual([5, 5, 5, 5]);
    const xs = [train, validation, test].flatMap((p) =>
      Array.from((p as ClassificationVectors).features.filter((_, i) => i % 2 === 0)),
    );
    expect(new Set(xs).size).toBe(100);
    const b = divideImport(ds, split);
    expect(b.ok && Array.from((b.value.test as ClassificationVectors).features)).toEqual(
      Array.from((test as ClassificationVectors).features),
    );
  });

  it('standardizes with the training part statistics only', () => {
    const r = divideImport(
      vectors(200, 2),
      { validation: 0, test: 0.25, seed: 1, stratified: false },
      [0, 1],
    );
    if (!r.ok) throw new Error(r.error);
    const train = r.value.train as ClassificationVectors;
    for (const f of [0, 1]) {
      const col = Array.from(train.features.filter((_, i) => i % 2 === f));
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length);
      expect(mean).toBeCloseTo(0, 4);
      expect(sd).toBeCloseTo(1, 4);
    }
  });

  it('refuses splits that leave no training or no held-out examples', () => {
    expect(divideImport(vectors(10, 2), { validation: 0.5, test: 0.6, seed: 1, stratified: true }).ok).toBe(
      false,
    );
    const none = divideImport(vectors(10, 2), { validation: 0, test: 0, seed: 1, stratified: true });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error).toMatch(/no validation or test/);
  });

  it('selects image examples by index with their labels', () => {
    const img: ImageDataset = {
      count: 3,
      inputShape: [1, 2, 1],
      classes: 3,
      pixels: Uint8Array.from([1, 2, 3, 4, 5, 6]),
      labels: Uint8Array.from([0, 1, 2]),
    };
    const s = selectExamples(img, [2, 0]);
    expect(Array.from(s.pixels)).toEqual([5, 6, 1, 2]);
    expect(Array.from(s.labels)).toEqual([2, 0]);
  });
});

describe('CSV import', () => {
  it('reads the fixture: detection, one-hot colour, dropped rows named by line and column', () => {
    const r = prepareCsvImport(fixture, 'points.csv', DEFAULT_CSV_SETTINGS);
    if (!r.ok) throw new Error(r.error.message);
    const p = r.value;
    expect(p.table.delimiter).toBe(',');
    expect(p.table.header).toBe(true);
    expect(p.columns).toEqual(['length', 'width', 'colour', 'species']);
    expect(p.table.dataset.inputShape).toEqual([5]);
    expect(p.table.dataset.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(p.table.warnings[0]!.message).toBe("line 7, column 'width': the value is missing; row dropped");
    expect(p.balance!.reduce((a, b) => a + b, 0)).toBe(p.table.dataset.count);
    expect(p.parts!.train.count + p.parts!.validation.count + p.parts!.test.count).toBe(
      p.table.dataset.count,
    );
    expect(p.head[0]).toEqual(['length', 'width', 'colour', 'species']);
  });

  it('names line and column when missing values are refused, and a bad target by name', () => {
    const refused = prepareCsvImport(fixture, 'points.csv', { ...DEFAULT_CSV_SETTINGS, missing: 'error' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ line: 7, column: "column 'width'" });
    const bad = prepareCsvImport(fixture, 'points.csv', { ...DEFAULT_CSV_SETTINGS, target: 'nope' });
    expect(!bad.ok && bad.error.message).toMatch(/unknown target column 'nope'/);
  });

  it('divides a regression target into parts to train, keeping every row and its target value', () => {
    const r = prepareCsvImport(fixture, 'points.csv', { ...DEFAULT_CSV_SETTINGS, target: 'length' });
    if (!r.ok) throw new Error(r.error.message);
    const ds = r.value.table.dataset;
    expect(ds.task).toBe('regression');
    expect(r.value.balance).toBeNull();
    expect(r.value.partsProblem).toBeNull();
    const parts = [r.value.parts!.train, r.value.parts!.validation, r.value.parts!.test];
    const targets = parts.flatMap((p) => ('targets' in p ? Array.from(p.targets) : []));
    const all = ds.task === 'regression' ? Array.from(ds.targets) : [];
    expect(targets.sort((a, b) => a - b)).toEqual(all.sort((a, b) => a - b));
  });

  it('never throws on arbitrary text and settings', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('auto', ',', ';', '\t', '|' as const),
        fc.constantFrom('drop-row', 'mean', 'zero', 'error' as const),
        fc.boolean(),
        (text, delimiter, missing, standardize) => {
          const r = prepareCsvImport(text, 'fuzz.csv', {
            ...DEFAULT_CSV_SETTINGS,
            delimiter: delimiter as typeof DEFAULT_CSV_SETTINGS.delimiter,
            missing,
            standardize,
          });
          if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('content hash', () => {
  it('is stable, 16 hex digits, and changes with any byte or boundary', () => {
    const a = contentHash(Uint8Array.from([1, 2, 3]));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash(Uint8Array.from([1, 2, 3]))).toBe(a);
    expect(contentHash(Uint8Array.from([1, 2, 4]))).not.toBe(a);
    expect(combinedHash(['ab', 'c'])).not.toBe(combinedHash(['a', 'bc']));
  });
});
