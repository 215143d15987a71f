/**
 * A fixed-capacity series of numbers: pushing onto a full buffer drops the oldest
 * value. For per-layer series (gradient norms, update ratios) that must stay bounded
 * however long a run lasts. Holds its state in the instance, never in the module.
 */
export class RingBuffer {
  private readonly values: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  /** Number of values held (at most `capacity`). */
  get length(): number {
    return this.size;
  }

  /** Appends a value, dropping the oldest when full. */
  push(value: number): void {
    if (this.size < this.capacity) {
      this.values[(this.start + this.size) % this.capacity] = value;
      this.size++;
    } else {
      this.values[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th value, oldest first; negative i counts from the newest (-1 = newest). */
  at(i: number): number | undefined {
    const k = i < 0 ? this.size + i : i;
    if (k < 0 || k >= this.size) return undefined;
    return this.values[(this.start + k) % this.capacity];
  }

  /** The values oldest first, as a new array. */
  toArray(): Float64Array {
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.values[(this.start + i) % this.capacity]!;
    return out;
  }

  /** Removes every value. */
  clear(): void {
    this.start = 0;
    this.size = 0;
  }
}
