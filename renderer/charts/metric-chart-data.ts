import type uPlot from 'uplot';
import type { LrSchedule } from '../../src/graph/document';
import { learningRateAt } from '../../src/training/schedule';
import { ringValues, type Ring } from '../../src/training/ring-buffer';
import type { BatchSeries, EpochRow } from '../state/training-reducer';
import type { LrChange } from '../state/training-store';
import type { DataRow } from './layer-chart-data';

/** Weight of the past in the smoothed curves (TensorBoard's default slider value is 0.6; per-batch noise wants more). */
export const SMOOTHING = 0.9;

/**
 * An exponential moving average with the start-up bias removed (as TensorBoard does), so
 * the first points are not pulled towards zero. Non-finite values are skipped (kept as they are).
 */
export function smoothed(values: ArrayLike<number>, weight = SMOOTHING): Float64Array {
  const out = new Float64Array(values.length);
  let avg = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    avg = avg * weight + (1 - weight) * v;
    n++;
    out[i] = avg / (1 - weight ** n);
  }
  return out;
}

/** Loss per batch: [steps, raw, smoothed]. */
export function lossSeries(series: BatchSeries): uPlot.AlignedData {
  const raw = ringValues(series.loss);
  return [ringValues(series.step), raw, smoothed(raw)];
}

/** Where each epoch row falls on the (ring-held) step axis; -1 when it is not held. */
function epochIndices(steps: Float64Array, epochs: readonly EpochRow[]): number[] {
  return epochs.map((row) => {
    let lo = 0;
    let hi = steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (steps[mid]! < row.step) lo = mid + 1;
      else hi = mid;
    }
    return steps[lo] === row.step ? lo : -1;
  });
}

/**
 * Accuracy per batch (raw and smoothed) plus the held-out accuracy per epoch in prediction
 * mode and in training mode, both placed at each epoch's last step (gaps elsewhere).
 */
export function accuracySeries(series: BatchSeries, epochs: readonly EpochRow[]): uPlot.AlignedData {
  const steps = ringValues(series.step);
  const raw = ringValues(series.accuracy);
  const pred: (number | null)[] = new Array<number | null>(steps.length).fill(null);
  const train: (number | null)[] = new Array<number | null>(steps.length).fill(null);
  epochIndices(steps, epochs).forEach((i, k) => {
    if (i < 0) return;
    pred[i] = epochs[k]!.test.accuracy;
    train[i] = epochs[k]!.testTrainingMode?.accuracy ?? null;
  });
  return [steps, raw, smoothed(raw), pred, train];
}

/** What the learning-rate chart is computed from. */
export interface LrSource {
  baseLr: number;
  schedule: LrSchedule;
  totalSteps: number;
  batchesPerEpoch: number;
  changes: readonly LrChange[];
}

/** The learning rate of each step: the base rate (as changed during the run) under the schedule. */
export function lrSeries(steps: Ring, src: LrSource): uPlot.AlignedData {
  const xs = ringValues(steps);
  const per = Math.max(1, src.batchesPerEpoch);
  const lrs = Float64Array.from(xs, (step) => {
    let base = src.baseLr;
    for (const c of src.changes) if (c.step <= step) base = c.lr;
    const epoch = Math.floor((step - 1) / per) + 1;
    return learningRateAt(base, src.schedule, { step, epoch, totalSteps: src.totalSteps });
  });
  return [xs, lrs];
}

/** The newest `limit` points of aligned chart data as table rows (gaps as NaN). */
export function alignedRows(data: uPlot.AlignedData, limit: number): DataRow[] {
  const xs = data[0];
  const n = Math.min(limit, xs.length);
  const rows: DataRow[] = [];
  for (let i = xs.length - n; i < xs.length; i++) {
    rows.push({
      key: xs[i]!,
      values: data.slice(1).map((col) => {
        const v = (col as ArrayLike<number | null | undefined>)[i];
        return v === null || v === undefined ? NaN : v;
      }),
    });
  }
  return rows;
}
