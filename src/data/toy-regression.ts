import { err, ok, type Result } from '../util/result';
import { createRng } from '../util/random';
import type { DataError } from './idx';
import { checkToyCount, gaussian } from './toy2d';
import type { RegressionVectors } from './vectors';

/**
 * The seeded regression sets: `line` y = 0.5x + 0.2 and `sine` y = sin(x) take one input
 * (x uniform in [-π, π]); `saddle` y = x1² − x2² takes two (uniform in [-1, 1]²).
 */
export const TOY_REGRESSION_KINDS = ['line', 'sine', 'saddle'] as const;
/** One of {@link TOY_REGRESSION_KINDS}. */
export type ToyRegressionKind = (typeof TOY_REGRESSION_KINDS)[number];

/** What to generate. `noise` is the standard deviation of Gaussian noise added to y only. */
export interface ToyRegressionOptions {
  kind: ToyRegressionKind;
  n: number;
  /** Defaults to 0.1. */
  noise?: number;
  seed: number;
}

/** The noise-free function of each kind, exported so tests and charts can draw it. */
export const TOY_REGRESSION_FUNCTIONS: Record<ToyRegressionKind, (x: readonly number[]) => number> = {
  line: ([x = 0]) => 0.5 * x + 0.2,
  sine: ([x = 0]) => Math.sin(x),
  saddle: ([a = 0, b = 0]) => a * a - b * b,
};

const INPUTS: Record<ToyRegressionKind, { width: number; range: number }> = {
  line: { width: 1, range: Math.PI },
  sine: { width: 1, range: Math.PI },
  saddle: { width: 2, range: 1 },
};

/** Generates a seeded regression set; the same options give the same bytes. */
export function toyRegression(opts: ToyRegressionOptions): Result<RegressionVectors, DataError> {
  const noise = opts.noise ?? 0.1;
  const bad = checkToyCount(opts.n, noise);
  if (bad) return err({ file: `toy:${opts.kind}`, message: bad });
  const { width, range } = INPUTS[opts.kind];
  const f = TOY_REGRESSION_FUNCTIONS[opts.kind];
  const rng = createRng(opts.seed);
  const features = new Float32Array(opts.n * width);
  const targets = new Float32Array(opts.n);
  const x: number[] = new Array<number>(width).fill(0);
  for (let i = 0; i < opts.n; i++) {
    for (let d = 0; d < width; d++) {
      // Round through float32 first so the target is computed from the stored input.
      x[d] = Math.fround(range * (2 * rng.next() - 1));
      features[i * width + d] = x[d]!;
    }
    targets[i] = f(x) + noise * gaussian(rng);
  }
  return ok({
    task: 'regression',
    count: opts.n,
    inputShape: [width],
    classes: 0,
    classNames: [],
    features,
    targets,
  });
}
