import { err, ok, type Result } from '../util/result';
import { createRng, type Rng } from '../util/random';
import type { DataError } from './idx';
import type { ClassificationVectors } from './vectors';

/** The seeded 2D classification sets, in the order a picker should list them. */
export const TOY_CLASSIFICATION_KINDS = ['spiral', 'circles', 'xor', 'blobs', 'moons'] as const;
/** One of {@link TOY_CLASSIFICATION_KINDS}. */
export type ToyClassificationKind = (typeof TOY_CLASSIFICATION_KINDS)[number];

/** What to generate. `noise` is the standard deviation of Gaussian jitter added to each coordinate. */
export interface ToyClassificationOptions {
  kind: ToyClassificationKind;
  /** Number of examples (1 to {@link TOY_MAX_COUNT}); classes get n/k each, ±1. */
  n: number;
  /** Defaults per kind: spiral 0.05, circles 0.05, xor 0.05, blobs 0.2, moons 0.1. */
  noise?: number;
  /** Spiral arms, rings or blobs (2 to {@link TOY_MAX_CLASSES}); xor and moons have exactly 2. */
  classes?: number;
  seed: number;
}

/** Largest example count a toy generator accepts (keeps a typo from allocating gigabytes). */
export const TOY_MAX_COUNT = 1_000_000;
/** Largest class count for the kinds that take one. */
export const TOY_MAX_CLASSES = 16;

const DEFAULT_NOISE: Record<ToyClassificationKind, number> = {
  spiral: 0.05,
  circles: 0.05,
  xor: 0.05,
  blobs: 0.2,
  moons: 0.1,
};
const MULTI_CLASS: ReadonlySet<ToyClassificationKind> = new Set(['spiral', 'circles', 'blobs']);
/** Turns each spiral arm makes from the centre to radius 1. */
export const SPIRAL_TURNS = 1.75;
/** Radius where spiral arms start, so the arms do not all meet in one point. */
export const SPIRAL_START = 0.05;
/** Distance XOR points keep from the axes, so noise-free labels are unambiguous. */
export const XOR_MARGIN = 0.05;

/** A standard normal sample (Box-Muller); `1 - next()` keeps the log away from 0. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Checks the shared numeric options; returns the problem in words, or null. */
export function checkToyCount(n: number, noise: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > TOY_MAX_COUNT)
    return `n must be an integer from 1 to ${TOY_MAX_COUNT}, got ${n}`;
  if (!Number.isFinite(noise) || noise < 0 || noise > 10)
    return `noise must be between 0 and 10, got ${noise}`;
  return null;
}

/**
 * Generates a seeded 2D classification set. Example i belongs to class i mod k, so
 * classes are balanced to within one example and the same seed gives the same bytes.
 */
export function toyClassification(opts: ToyClassificationOptions): Result<ClassificationVectors, DataError> {
  const file = `toy:${opts.kind}`;
  const noise = opts.noise ?? DEFAULT_NOISE[opts.kind];
  const k = opts.classes ?? 2;
  const bad = checkToyCount(opts.n, noise);
  if (bad) return err({ file, message: bad });
  if (MULTI_CLASS.has(opts.kind) ? !Number.isInteger(k) || k < 2 || k > TOY_MAX_CLASSES : k !== 2) {
    const allowed = MULTI_CLASS.has(opts.kind) ? `2 to ${TOY_MAX_CLASSES}` : 'exactly 2';
    return err({ file, message: `${opts.kind} takes ${allowed} classes, got ${k}` });
  }
  const rng = createRng(opts.seed);
  const features = new Float32Array(opts.n * 2);
  const labels = new Uint8Array(opts.n);
  const point = POINT[opts.kind];
  for (let i = 0; i < opts.n; i++) {
    const c = i % k;
    const perClass = Math.floor(opts.n / k) + (c < opts.n % k ? 1 : 0);
    const [x, y] = point(rng, c, k, Math.floor(i / k), perClass);
    features[2 * i] = x + noise * gaussian(rng);
    features[2 * i + 1] = y + noise * gaussian(rng);
    labels[i] = c;
  }
  const classNames = Array.from({ length: k }, (_, c) => `class ${c}`);
  return ok({
    task: 'classification',
    count: opts.n,
    inputShape: [2],
    classes: k,
    classNames,
    features,
    labels,
  });
}

/** A noise-free point of class c (of k), the j-th of m in its class. */
type PointFn = (rng: Rng, c: number, k: number, j: number, m: number) => [number, number];

const POINT: Record<ToyClassificationKind, PointFn> = {
  // Arms evenly spaced in angle, points evenly spaced along each arm.
  spiral: (_rng, c, k, j, m) => {
    const t = j / m;
    const r = SPIRAL_START + (1 - SPIRAL_START) * t;
    const a = (2 * Math.PI * c) / k + 2 * Math.PI * SPIRAL_TURNS * t;
    return [r * Math.cos(a), r * Math.sin(a)];
  },
  // Concentric rings of radius (c+1)/k: class 0 is the innermost.
  circles: (rng, c, k) => {
    const a = 2 * Math.PI * rng.next();
    const r = (c + 1) / k;
    return [r * Math.cos(a), r * Math.sin(a)];
  },
  // Class 0: x and y share a sign; class 1: they differ.
  xor: (rng, c) => {
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = c === 0 ? sx : -sx;
    const mag = (): number => XOR_MARGIN + (1 - XOR_MARGIN) * rng.next();
    return [sx * mag(), sy * mag()];
  },
  // Centres on the unit circle, so every blob is the same distance from the origin.
  blobs: (_rng, c, k) => [Math.cos((2 * Math.PI * c) / k), Math.sin((2 * Math.PI * c) / k)],
  // sklearn's make_moons: an upper half circle and a lower one shifted by (1, 0.5).
  moons: (rng, c) => {
    const t = Math.PI * rng.next();
    return c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  },
};
