import { describe, expect, it } from 'vitest';
import {
  clearRing,
  createRing,
  pushRing,
  ringAt,
  ringLast,
  ringValues,
} from '../../../src/training/ring-buffer';
import { l2Norm, saturatedFraction, sortFloat32, summarize } from '../../../src/training/stats';
import { createRng } from '../../../src/util/random';
import { expectSummary } from '../../helpers/plain-stats';

const seeded = (n: number, seed: number, f: (u: number) => number): Float32Array => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => f(rng.next()));
};

describe('summaries', () => {
  it('match plain loops on random values, with ReLU-like zeros', () => {
    const values = seeded(5000, 1, (u) => Math.max(0, (u - 0.6) * 7));
    const s = summarize(values);
    expectSummary(s, values);
    expect(s.zeroFraction).toBeGreaterThan(0.55);
    expect(s.histogram.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(s.percentiles[0]).toBe(s.min);
    expect(s.percentiles[8]).toBe(s.max);
  });

  it('count non-finite values and leave them out of everything else', () => {
    const values = Float32Array.from([1, NaN, -2, Infinity, 0.5, -Infinity, 4]);
    const s = summarize(values);
    expect(s).toMatchObject({ count: 4, nonFinite: 3, min: -2, max: 4, mean: 0.875 });
    expectSummary(s, values);
  });

  it('handle a constant array and an empty one', () => {
    const s = summarize(new Float32Array(10).fill(3));
    expect(s).toMatchObject({ count: 10, mean: 3, std: 0, min: 3, max: 3, zeroFraction: 0 });
    expect(s.histogram[0]).toBe(10);
    expect(Array.from(s.percentiles)).toEqual(new Array(9).fill(3));
    const e = summarize(new Float32Array(0));
    expect(e.count).toBe(0);
    expect(e.mean).toBeNaN();
  });

  it('interpolate percentiles linearly between ranks (hand-worked: 1..5)', () => {
    // pos = p/100 * 4: 7 -> 0.28 -> 1.28; 16 -> 0.64 -> 1.64; 31 -> 1.24 -> 2.24; 50 -> 2 -> 3.
    const s = summarize(Float32Array.from([5, 3, 1, 4, 2]));
    expect(Array.from(s.percentiles)).toEqual([1, 1.28, 1.64, 2.24, 3, 3.76, 4.36, 4.72, 5].map(Math.fround));
  });

  it('sort float32 values like TypedArray#sort, negatives and zeros included', () => {
    const values = seeded(20_000, 7, (u) => (u - 0.5) * 1e6 * (u < 0.2 ? 0 : 1) * (u > 0.9 ? 1e-30 : 1));
    expect(Array.from(sortFloat32(values))).toEqual(Array.from(values.slice().sort()));
  });
});

describe('saturation, norms, ring buffers', () => {
  it('measures the flat ends of sigmoid and tanh', () => {
    const sig = Float32Array.from([0.005, 0.5, 0.995, 0.02, 0.98, 0.2, NaN]);
    expect(saturatedFraction(sig, 'sigmoid')).toBe(2 / 6);
    const tanh = Float32Array.from([-0.995, 0.5, 0.999, -0.2]);
    expect(saturatedFraction(tanh, 'tanh')).toBe(0.5);
  });

  it('computes the L2 norm', () => {
    expect(l2Norm([3, 4])).toBe(5);
    expect(l2Norm(Float32Array.from([1, 2, 2]))).toBe(3);
    expect(summarize(Float32Array.from([3, -4])).l2).toBe(5);
  });

  it('keeps the newest values of a series', () => {
    const r = createRing(3);
    expect(r.length).toBe(0);
    expect(ringLast(r)).toBeUndefined();
    [1, 2, 3, 4, 5].forEach((v) => pushRing(r, v));
    expect(Array.from(ringValues(r))).toEqual([3, 4, 5]);
    expect(Array.from(ringValues(r, 2))).toEqual([4, 5]);
    expect([ringAt(r, 0), ringLast(r), r.length, r.total]).toEqual([3, 5, 3, 5]);
    clearRing(r);
    pushRing(r, 9);
    expect(Array.from(ringValues(r))).toEqual([9]);
    expect(r.total).toBe(1);
    expect(() => createRing(0)).toThrow(/capacity/);
  });
});
