import { expect, it } from 'vitest';
import { maxDiff } from './tf-backends';

/** The backends a kernel comparison runs on: the reference and the one under test. */
export type Backend = 'cpu' | 'wasm';

/** One NHWC convolution: batch, input height × width, channels in and out, square kernel. */
export interface ConvCase {
  batch: number;
  size: [number, number];
  inC: number;
  outC: number;
  k: number;
  stride: number;
  pad: 'valid' | 'same';
}

/** Output spatial size of a conv, as tfjs computes it. */
export const convOutSize = (n: number, k: number, s: number, pad: 'valid' | 'same'): number =>
  pad === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;

/** The number of elements of a tensor of this shape. */
export const elements = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The shapes of a conv case's input, filter and output (output gradient). */
export function convShapes(c: ConvCase): {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  dy: [number, number, number, number];
} {
  const [h, w] = c.size;
  const oh = convOutSize(h, c.k, c.stride, c.pad);
  const ow = convOutSize(w, c.k, c.stride, c.pad);
  return {
    x: [c.batch, h, w, c.inC],
    filter: [c.k, c.k, c.inC, c.outC],
    dy: [c.batch, oh, ow, c.outC],
  };
}

/**
 * Every combination of padding (valid, same), stride (1, 2), kernel size (1, 3, 5) and
 * the given (in, out) channel pairs, at one batch and input size, in that nesting order.
 */
export function convGrid(
  batch: number,
  size: [number, number],
  channels: readonly (readonly [number, number])[],
): ConvCase[] {
  const grid: ConvCase[] = [];
  for (const pad of ['valid', 'same'] as const)
    for (const stride of [1, 2])
      for (const k of [1, 3, 5])
        for (const [inC, outC] of channels) grid.push({ batch, size: [...size], inC, outC, k, stride, pad });
  return grid;
}

/** Expects `actual` within `rel` × max |expected| of `expected` everywhere (and expected not all zero). */
export function expectNear(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-4): void {
  const { diff, scale } = maxDiff(actual, expected);
  expect(scale).toBeGreaterThan(0);
  expect(diff).toBeLessThanOrEqual(rel * scale);
}

/**
 * Declares one test per case, named by the case, that runs a kernel on cpu and on wasm
 * through `run` and expects the same values (call it inside a describe).
 */
export function itMatchesCpu<C>(
  cases: readonly C[],
  run: (backend: Backend, c: C) => Promise<Float32Array>,
): void {
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('matches cpu for %s', async (_name, c) => {
    const expected = await run('cpu', c as C);
    const actual = await run('wasm', c as C);
    expectNear(actual, expected);
  });
}
