import type uPlot from 'uplot';
import { ringValues } from '../../src/training/ring-buffer';
import type { TrainingState } from '../state/training-reducer';
import { smoothed } from './metric-chart-data';

/** One variant's points: increasing x values and their y values. */
interface Points {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * Several variants' points on one x axis for uPlot: the sorted union of their x values
 * (each variant's own are increasing, so one merge pass does), and one series per variant
 * with null where it has no point yet (a variant that has not started is all null).
 */
export function mergeSeries(parts: readonly (Points | null)[]): uPlot.AlignedData {
  const at = parts.map(() => 0);
  const xs: number[] = [];
  const ys: (number | null)[][] = parts.map(() => []);
  for (;;) {
    let next = Infinity;
    parts.forEach((p, k) => {
      if (p && at[k]! < p.x.length) next = Math.min(next, p.x[at[k]!]!);
    });
    // Also stops on a NaN x (never sent, but it must not loop forever).
    if (!(next < Infinity)) break;
    xs.push(next);
    parts.forEach((p, k) => {
      const i = at[k]!;
      const hit = p !== null && i < p.x.length && p.x[i] === next;
      ys[k]!.push(hit ? p.y[i]! : null);
      if (hit) at[k] = i + 1;
    });
  }
  return [xs, ...ys];
}

/** Each variant's training loss per batch, smoothed as the Metrics chart smooths it, by step. */
export function raceLossData(runs: readonly (TrainingState | null)[]): uPlot.AlignedData {
  return mergeSeries(
    runs.map((r) => (r ? { x: ringValues(r.batches.step), y: smoothed(ringValues(r.batches.loss)) } : null)),
  );
}

/** Each variant's held-out accuracy (prediction mode; a regression run's MAE) per finished epoch. */
export function raceMetricData(runs: readonly (TrainingState | null)[]): uPlot.AlignedData {
  return mergeSeries(
    runs.map((r) =>
      r ? { x: r.epochRows.map((row) => row.epoch), y: r.epochRows.map((row) => row.test.accuracy) } : null,
    ),
  );
}
