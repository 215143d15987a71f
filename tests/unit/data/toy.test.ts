import { describe, expect, it } from 'vitest';
import {
  SPIRAL_START,
  SPIRAL_TURNS,
  TOY_CLASSIFICATION_KINDS,
  toyClassification,
  type ToyClassificationOptions,
} from '../../../src/data/toy2d';
import {
  TOY_REGRESSION_FUNCTIONS,
  TOY_REGRESSION_KINDS,
  toyRegression,
} from '../../../src/data/toy-regression';
import type { ClassificationVectors } from '../../../src/data/vectors';

function gen(opts: ToyClassificationOptions): ClassificationVectors {
  const r = toyClassification(opts);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const points = (ds: ClassificationVectors, c: number): [number, number][] =>
  Array.from(ds.labels.entries())
    .filter(([, l]) => l === c)
    .map(([i]) => [ds.features[2 * i]!, ds.features[2 * i + 1]!]);

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('toy classification sets', () => {
  it.each(TOY_CLASSIFICATION_KINDS)(
    '%s: same seed, same bytes; other seed, other bytes; balanced',
    (kind) => {
      const classes = kind === 'xor' || kind === 'moons' ? 2 : 3;
      const a = gen({ kind, n: 301, classes, seed: 5 });
      const b = gen({ kind, n: 301, classes, seed: 5 });
      const c = gen({ kind, n: 301, classes, seed: 6 });
      expect(a.inputShape).toEqual([2]);
      expect(a.features.length).toBe(602);
      expect(Array.from(b.features)).toEqual(Array.from(a.features));
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(Array.from(c.features)).not.toEqual(Array.from(a.features));
      const counts = Array.from({ length: classes }, (_, k) => points(a, k).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(counts.reduce((x, y) => x + y)).toBe(301);
    },
  );

  it('circles: each ring at its radius, inner class inside the outer one', () => {
    const ds = gen({ kind: 'circles', n: 400, noise: 0, seed: 1 });
    const radii = [0, 1].map((c) => points(ds, c).map(([x, y]) => Math.hypot(x, y)));
    radii[0]!.forEach((r) => expect(r).toBeCloseTo(0.5, 5));
    radii[1]!.forEach((r) => expect(r).toBeCloseTo(1, 5));
    const noisy = gen({ kind: 'circles', n: 400, noise: 0.1, seed: 1 });
    const noisyMean = [0, 1].map((c) => mean(points(noisy, c).map(([x, y]) => Math.hypot(x, y))));
    expect(noisyMean[0]!).toBeLessThan(noisyMean[1]!);
  });

  it('xor: the sign of x·y gives the label, except for noise', () => {
    const clean = gen({ kind: 'xor', n: 500, noise: 0, seed: 2 });
    clean.labels.forEach((l, i) =>
      expect(clean.features[2 * i]! * clean.features[2 * i + 1]! > 0 ? 0 : 1).toBe(l),
    );
    const noisy = gen({ kind: 'xor', n: 2000, noise: 0.1, seed: 2 });
    let wrong = 0;
    noisy.labels.forEach(
      (l, i) => (wrong += (noisy.features[2 * i]! * noisy.features[2 * i + 1]! > 0 ? 0 : 1) === l ? 0 : 1),
    );
    expect(wrong / 2000).toBeGreaterThan(0);
    expect(wrong / 2000).toBeLessThan(0.15);
  });

  it('moons: two interleaving half circles', () => {
    const ds = gen({ kind: 'moons', n: 300, noise: 0, seed: 3 });
    for (const [x, y] of points(ds, 0)) {
      expect(Math.hypot(x, y)).toBeCloseTo(1, 5);
      expect(y).toBeGreaterThanOrEqual(-1e-6);
    }
    for (const [x, y] of points(ds, 1)) {
      expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 5);
      expect(y).toBeLessThanOrEqual(0.5 + 1e-6);
    }
    // Interleaving: each moon reaches into the other's x range past its centre.
    expect(Math.max(...points(ds, 0).map(([x]) => x))).toBeGreaterThan(0.9);
    expect(Math.min(...points(ds, 1).map(([x]) => x))).toBeLessThan(0.1);
  });

  it('spiral: every noise-free point lies on its own arm', () => {
    const k = 3;
    const ds = gen({ kind: 'spiral', n: 300, noise: 0, classes: k, seed: 4 });
    ds.labels.forEach((c, i) => {
      const [x, y] = [ds.features[2 * i]!, ds.features[2 * i + 1]!];
      const t = (Math.hypot(x, y) - SPIRAL_START) / (1 - SPIRAL_START);
      const a = (2 * Math.PI * c) / k + 2 * Math.PI * SPIRAL_TURNS * t;
      expect(Math.cos(a) * Math.hypot(x, y)).toBeCloseTo(x, 4);
      expect(Math.sin(a) * Math.hypot(x, y)).toBeCloseTo(y, 4);
    });
  });

  it('blobs: each class gathers around its own centre', () => {
    const ds = gen({ kind: 'blobs', n: 800, classes: 4, noise: 0.1, seed: 9 });
    for (let c = 0; c < 4; c++) {
      const p = points(ds, c);
      expect(mean(p.map(([x]) => x))).toBeCloseTo(Math.cos((Math.PI * c) / 2), 1);
      expect(mean(p.map(([, y]) => y))).toBeCloseTo(Math.sin((Math.PI * c) / 2), 1);
    }
  });

  it.each([
    [{ kind: 'xor', n: 10, classes: 3, seed: 1 }, /exactly 2 classes/],
    [{ kind: 'spiral', n: 10, classes: 99, seed: 1 }, /2 to 16 classes/],
    [{ kind: 'blobs', n: 0, seed: 1 }, /n must be/],
    [{ kind: 'moons', n: 5e7, seed: 1 }, /n must be/],
    [{ kind: 'circles', n: 10, noise: Number.NaN, seed: 1 }, /noise/],
  ] as [ToyClassificationOptions, RegExp][])('refuses bad options with a message: %o', (opts, msg) => {
    const r = toyClassification(opts);
    expect(!r.ok && `${r.error.file}: ${r.error.message}`).toMatch(msg);
  });
});

describe('toy regression sets', () => {
  it.each(TOY_REGRESSION_KINDS)('%s: seeded, targets follow the function within the noise', (kind) => {
    const a = toyRegression({ kind, n: 200, noise: 0, seed: 1 });
    const b = toyRegression({ kind, n: 200, noise: 0, seed: 1 });
    const c = toyRegression({ kind, n: 200, noise: 0, seed: 2 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('generation failed');
    const ds = a.value;
    const w = ds.inputShape[0]!;
    expect(w).toBe(kind === 'saddle' ? 2 : 1);
    expect(ds.classes).toBe(0);
    expect(Array.from(b.value.targets)).toEqual(Array.from(ds.targets));
    expect(Array.from(c.value.features)).not.toEqual(Array.from(ds.features));
    for (let i = 0; i < ds.count; i++) {
      const x = Array.from(ds.features.subarray(i * w, i * w + w));
      expect(ds.targets[i]).toBeCloseTo(TOY_REGRESSION_FUNCTIONS[kind](x), 5);
    }
    const noisy = toyRegression({ kind, n: 2000, noise: 0.1, seed: 1 });
    if (!noisy.ok) throw new Error('generation failed');
    const res = Array.from(
      noisy.value.targets,
      (t, i) =>
        t - TOY_REGRESSION_FUNCTIONS[kind](Array.from(noisy.value.features.subarray(i * w, i * w + w))),
    );
    const sd = Math.sqrt(mean(res.map((r) => r * r)));
    expect(sd).toBeGreaterThan(0.08);
    expect(sd).toBeLessThan(0.12);
  });
});
