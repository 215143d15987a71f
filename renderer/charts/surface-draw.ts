import { isRegressionSet } from '../../src/data/dataset';
import { generateToy } from '../../src/data/toy-builtin';
import type { BoundaryExtent } from '../../src/training/protocol';
import type { DatasetRef } from '../../src/graph/document';
import type { ImportedData } from '../state/dataset-store';

/** Most data points drawn over a prediction surface. */
export const MAX_SURFACE_POINTS = 3000;

/** The data of a two-input regression set: [x1, x2] pairs and their target values. */
export interface SurfacePoints {
  features: Float32Array;
  targets: Float32Array;
  count: number;
}

/**
 * The points of a two-input regression set, for drawing over its prediction surface: a toy
 * set's generated examples, or every part of an import (evenly thinned to at most `max`).
 * Null for any other set.
 */
export function surfacePoints(
  ref: DatasetRef,
  imported: ImportedData | undefined,
  max = MAX_SURFACE_POINTS,
): SurfacePoints | null {
  const sets = [];
  if (ref.kind === 'builtin') {
    const r = generateToy(ref);
    if (!r.ok) return null;
    sets.push(r.value);
  } else if (imported) {
    sets.push(imported.parts.train, imported.parts.validation, imported.parts.test);
  } else return null;
  const xs: number[] = [];
  for (const p of sets) {
    if (!isRegressionSet(p) || p.inputShape.length !== 1 || p.inputShape[0] !== 2) return null;
    for (let i = 0; i < p.count; i++) xs.push(p.features[2 * i]!, p.features[2 * i + 1]!, p.targets[i]!);
  }
  const total = xs.length / 3;
  const count = Math.min(total, max);
  const features = new Float32Array(count * 2);
  const targets = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const k = Math.floor((i * total) / count);
    features[2 * i] = xs[3 * k]!;
    features[2 * i + 1] = xs[3 * k + 1]!;
    targets[i] = xs[3 * k + 2]!;
  }
  return { features, targets, count };
}

/**
 * The value range the colour scale spans: the finite predictions and targets together, so
 * a point and the surface under it share one scale. [0, 1] when nothing is finite.
 */
export function valueRange(...values: readonly Float32Array[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const vs of values)
    for (const v of vs) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  if (!(hi >= lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

const LOW: readonly [number, number, number] = [33, 102, 172];
const MID: readonly [number, number, number] = [247, 247, 247];
const HIGH: readonly [number, number, number] = [178, 24, 43];

/**
 * A value's colour on a diverging scale: blue at `lo`, white midway, red at `hi` (clamped;
 * grey for a value that is not finite). Readable for the common colour-vision deficiencies.
 */
export function valueColor(v: number, lo: number, hi: number): [number, number, number] {
  if (!Number.isFinite(v)) return [128, 128, 128];
  const t = Math.min(1, Math.max(0, (v - lo) / (hi - lo || 1)));
  const [a, b, f] = t < 0.5 ? [LOW, MID, t * 2] : [MID, HIGH, (t - 0.5) * 2];
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * f)) as [number, number, number];
}

/** The RGBA pixels of a surface grid; row 0 of the grid is yMin, so it becomes the bottom row. */
export function surfacePixels(
  predictions: Float32Array,
  resolution: number,
  [lo, hi]: readonly [number, number],
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(resolution * resolution * 4);
  for (let cell = 0; cell < resolution * resolution; cell++) {
    const row = resolution - 1 - Math.floor(cell / resolution);
    const k = 4 * (row * resolution + (cell % resolution));
    out.set(valueColor(predictions[cell]!, lo, hi), k);
    out[k + 3] = 255;
  }
  return out;
}

/** A coarse sample of a surface for its data table: column inputs, row inputs (top row first), values. */
export interface SurfaceSample {
  x1: number[];
  x2: number[];
  values: number[][];
}

/**
 * `size` × `size` cells of a resolution² grid, evenly spread, at their cell centres; rows
 * run from the top of the plane (largest x2) down, as the picture shows them.
 */
export function surfaceSample(
  msg: { resolution: number; extent: BoundaryExtent; predictions: Float32Array },
  size: number,
): SurfaceSample {
  const { resolution: res, extent: e } = msg;
  const n = Math.min(size, res);
  const picks = Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * res) / n));
  const centre = (i: number, lo: number, hi: number): number => lo + ((i + 0.5) * (hi - lo)) / res;
  const rows = [...picks].reverse();
  return {
    x1: picks.map((c) => centre(c, e.xMin, e.xMax)),
    x2: rows.map((r) => centre(r, e.yMin, e.yMax)),
    values: rows.map((r) => picks.map((c) => msg.predictions[r * res + c]!)),
  };
}
