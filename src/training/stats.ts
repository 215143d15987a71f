/**
 * Statistics of arrays of values (a layer's outputs, weights, gradients). Pure math
 * on Float32Array, no tfjs: the runtime downloads what it captured and calls these.
 * Sums are accumulated in float64.
 */

/** The percentiles a summary reports: TensorBoard's distribution view (0 and 100 are min and max). */
export const PERCENTILE_RANKS = [0, 7, 16, 31, 50, 69, 84, 93, 100] as const;

/** Bins of a summary's histogram. */
export const HISTOGRAM_BINS = 32;

/** The summary of one array. Non-finite values are counted, and left out of everything else. */
export interface ValueSummary {
  /** Finite values summarized. */
  count: number;
  /** NaN and ±Infinity values seen. */
  nonFinite: number;
  mean: number;
  /** Population standard deviation (divided by count). */
  std: number;
  min: number;
  max: number;
  /** Euclidean norm of the finite values. */
  l2: number;
  /** Share of values that are exactly 0 (of the finite ones). */
  zeroFraction: number;
  /** Values at PERCENTILE_RANKS, linearly interpolated between ranks (numpy's default). */
  percentiles: Float32Array;
  /** HISTOGRAM_BINS equal-width bins from min to max; the last bin includes max. */
  histogram: Uint32Array;
}

/** Which activation function produced a layer's output, for the saturation measure. */
export type SaturatingFunction = 'sigmoid' | 'tanh';

/** A value at percentile `p` of sorted values, interpolated linearly between neighbouring ranks. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (p / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The histogram bin of a value in [min, max] (bins of equal width; max goes to the last). */
export function binOf(value: number, min: number, max: number, bins = HISTOGRAM_BINS): number {
  if (!(max > min)) return 0;
  return Math.min(bins - 1, Math.floor(((value - min) / (max - min)) * bins));
}

/**
 * Sorts finite float32 values ascending, returning a new array: an LSD radix sort on the
 * bit patterns (three 11-bit passes), about ten times faster than TypedArray#sort for
 * the tens of thousands of values a snapshot summarizes, and O(n) whatever the values.
 */
export function sortFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  let keys = new Uint32Array(n);
  let spare = new Uint32Array(n);
  // Negative floats: flip all bits (larger magnitude sorts first); positive: flip the sign bit.
  for (let i = 0; i < n; i++)
    keys[i] = bits[i]! & 0x80000000 ? ~bits[i]! >>> 0 : (bits[i]! | 0x80000000) >>> 0;
  const counts = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) spare[counts[(keys[i]! >>> shift) & 2047]!++] = keys[i]!;
    [keys, spare] = [spare, keys];
  }
  for (let i = 0; i < n; i++)
    keys[i] = keys[i]! & 0x80000000 ? (keys[i]! & 0x7fffffff) >>> 0 : ~keys[i]! >>> 0;
  return new Float32Array(keys.buffer);
}

/** Count, sum, extremes, zeros and squares of the finite values, in one pass. */
function firstPass(values: ArrayLike<number>) {
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  let zeros = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    count++;
    sum += v;
    sumSq += v * v;
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { count, sum, sumSq, zeros, min, max };
}

/** Summarizes an array (see ValueSummary). An empty or all-non-finite array gives NaNs and zero counts. */
export function summarize(values: Float32Array): ValueSummary {
  const a = firstPass(values);
  const histogram = new Uint32Array(HISTOGRAM_BINS);
  const percentiles = new Float32Array(PERCENTILE_RANKS.length).fill(NaN);
  const nonFinite = values.length - a.count;
  if (a.count === 0) {
    return {
      count: 0,
      nonFinite,
      mean: NaN,
      std: NaN,
      min: NaN,
      max: NaN,
      l2: 0,
      zeroFraction: NaN,
      percentiles,
      histogram,
    };
  }
  const mean = a.sum / a.count;
  // Second pass for the variance (stabler than sumSq/n − mean²), the histogram and the finite copy.
  const finite = new Float32Array(a.count);
  let dev = 0;
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    dev += (v - mean) * (v - mean);
    histogram[binOf(v, a.min, a.max)]!++;
    finite[k++] = v;
  }
  const sorted = sortFloat32(finite);
  PERCENTILE_RANKS.forEach((p, i) => (percentiles[i] = percentileOfSorted(sorted, p)));
  return {
    count: a.count,
    nonFinite,
    mean,
    std: Math.sqrt(dev / a.count),
    min: a.min,
    max: a.max,
    l2: Math.sqrt(a.sumSq),
    zeroFraction: a.zeros / a.count,
    percentiles,
    histogram,
  };
}

/**
 * Share of finite values in the flat, saturated ends of a sigmoid (below 0.01 or above
 * 0.99) or a tanh (|y| above 0.99), where the function's gradient nearly vanishes.
 */
export function saturatedFraction(values: Float32Array, fn: SaturatingFunction): number {
  let count = 0;
  let saturated = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    count++;
    if (fn === 'sigmoid' ? v < 0.01 || v > 0.99 : Math.abs(v) > 0.99) saturated++;
  }
  return count === 0 ? NaN : saturated / count;
}

/** Euclidean norm (NaN or Infinity when a value is). */
export function l2Norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * values[i]!;
  return Math.sqrt(s);
}
