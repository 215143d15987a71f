/** A tensor shape; `null` marks an unknown dimension (normally the batch). */
export type Shape = readonly (number | null)[];

/** Renders a shape as people read it, e.g. `[?, 28, 28, 1]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** Product of the known dimensions after the batch dimension. */
export function featureSize(shape: Shape): number {
  let n = 1;
  for (const d of shape.slice(1)) n *= d ?? 1;
  return n;
}

/** True when two shapes have the same rank and equal dimensions. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Output length of a sliding window (convolution or pooling) along one axis. */
export function windowOutput(
  size: number,
  kernel: number,
  stride: number,
  padding: 'valid' | 'same',
  dilation = 1,
): number {
  if (padding === 'same') return Math.ceil(size / stride);
  const effective = (kernel - 1) * dilation + 1;
  return Math.floor((size - effective) / stride) + 1;
}
