import { expect } from 'vitest';
import { HISTOGRAM_BINS, PERCENTILE_RANKS, type ValueSummary } from '../../src/training/stats';

/** The summary written as plain loops, independently of the implementation. */
export function plainSummary(values: ArrayLike<number>) {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]!);
  const n = finite.length;
  let sum = 0;
  let sq = 0;
  let zeros = 0;
  for (const v of finite) {
    sum += v;
    sq += v * v;
    if (v === 0) zeros++;
  }
  const mean = sum / n;
  let dev = 0;
  for (const v of finite) dev += (v - mean) ** 2;
  const sorted = [...finite].sort((a, b) => a - b);
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const percentiles = PERCENTILE_RANKS.map((p) => {
    const pos = (p / 100) * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(n - 1, lo + 1);
    return Math.fround(sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo));
  });
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const v of finite) {
    const bin =
      max > min ? Math.min(HISTOGRAM_BINS - 1, Math.floor(((v - min) / (max - min)) * HISTOGRAM_BINS)) : 0;
    histogram[bin]!++;
  }
  return {
    count: n,
    nonFinite: values.length - n,
    mean,
    std: Math.sqrt(dev / n),
    min,
    max,
    l2: Math.sqrt(sq),
    zeroFraction: zeros / n,
    percentiles,
    histogram,
  };
}

/** Compares a summary with the plain-loop one: counts exactly, sums to float64 rounding. */
export function expectSummary(actual: ValueSummary, values: ArrayLike<number>): void {
  const p = plainSummary(values);
  expect(actual.count).toBe(p.count);
  expect(actual.nonFinite).toBe(p.nonFinite);
  expect(actual.min).toBe(p.min);
  expect(actual.max).toBe(p.max);
  expect(actual.zeroFraction).toBe(p.zeroFraction);
  for (const k of ['mean', 'std', 'l2'] as const) expect(actual[k], k).toBeCloseTo(p[k], 9);
  expect(Array.from(actual.percentiles)).toEqual(p.percentiles);
  expect(Array.from(actual.histogram)).toEqual(p.histogram);
}
