/**
 * A fixed-capacity numeric series that keeps the newest values. It is mutable on
 * purpose: training appends a few hundred values a second and charts read them once
 * per frame, so copying on every append would be waste. Only the training store
 * that owns a ring appends to it. Used by the renderer's training and layer-statistics stores.
 */
export interface Ring {
  readonly capacity: number;
  readonly data: Float64Array;
  /** Index of the oldest value. */
  start: number;
  /** Number of values held (at most `capacity`). */
  length: number;
  /** Number of values ever appended (the ring's "append count"). */
  total: number;
}

/** Creates an empty ring. */
export function createRing(capacity: number): Ring {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error(`Invariant failed: ring capacity ${capacity}`);
  return { capacity, data: new Float64Array(capacity), start: 0, length: 0, total: 0 };
}

/** Appends one value, dropping the oldest when full. */
export function pushRing(r: Ring, value: number): void {
  const end = (r.start + r.length) % r.capacity;
  r.data[end] = value;
  if (r.length < r.capacity) r.length++;
  else r.start = (r.start + 1) % r.capacity;
  r.total++;
}

/** The i-th oldest value held (0 = oldest). */
export function ringAt(r: Ring, i: number): number {
  return r.data[(r.start + i) % r.capacity]!;
}

/** The newest `count` values (all by default), oldest first, as a new array. */
export function ringValues(r: Ring, count = r.length): Float64Array {
  const n = Math.min(count, r.length);
  const out = new Float64Array(n);
  const skip = r.length - n;
  for (let i = 0; i < n; i++) out[i] = ringAt(r, skip + i);
  return out;
}

/** The newest value, or undefined when empty. */
export const ringLast = (r: Ring): number | undefined => (r.length > 0 ? ringAt(r, r.length - 1) : undefined);

/** Empties a ring. */
export function clearRing(r: Ring): void {
  r.start = 0;
  r.length = 0;
  r.total = 0;
}
