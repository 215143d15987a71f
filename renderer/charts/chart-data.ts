import type uPlot from 'uplot';
import { ringAt, ringValues } from '../../src/training/ring-buffer';
import type { BatchSeries, EpochRow } from '../state/training-reducer';

/** Loss per batch: [steps, losses], copies of the rings (uPlot keeps what it is given). */
export function lossData(series: BatchSeries): uPlot.AlignedData {
  return [ringValues(series.step), ringValues(series.loss)];
}

/**
 * Accuracy per batch plus test accuracy per epoch on the same step axis: the test
 * series is empty except at each epoch's last step still held by the rings.
 */
export function accuracyData(series: BatchSeries, epochs: readonly EpochRow[]): uPlot.AlignedData {
  const steps = ringValues(series.step);
  const test: (number | null)[] = new Array<number | null>(steps.length).fill(null);
  const first = steps[0];
  for (const row of epochs) {
    if (first === undefined || row.step < first) continue;
    const i = lowerBound(steps, row.step);
    if (steps[i] === row.step) test[i] = row.test.accuracy;
  }
  return [steps, ringValues(series.accuracy), test];
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One row of the batch table. */
export interface BatchRow {
  step: number;
  epoch: number;
  loss: number;
  accuracy: number;
}

/** The newest `limit` batches, oldest first, for the data table. */
export function batchRows(series: BatchSeries, limit: number): BatchRow[] {
  const n = Math.min(limit, series.step.length);
  const skip = series.step.length - n;
  const rows: BatchRow[] = [];
  for (let i = skip; i < series.step.length; i++) {
    rows.push({
      step: ringAt(series.step, i),
      epoch: ringAt(series.epoch, i),
      loss: ringAt(series.loss, i),
      accuracy: ringAt(series.accuracy, i),
    });
  }
  return rows;
}
