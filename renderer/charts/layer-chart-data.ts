import type uPlot from 'uplot';
import type { BatchNormSnapshot, LayerSeries, LayerStatsState } from '../state/layer-stats-reducer';
import { ringAt, ringValues, type Ring } from '../../src/training/ring-buffer';

/** Indices into PERCENTILE_RANKS (0 7 16 31 50 69 84 93 100) in band order: outer pair first, median last. */
export const BAND_ORDER = [8, 0, 7, 1, 6, 2, 5, 3, 4] as const;

/** A value for a log-scale chart: positive and finite, else a gap. */
const positive = (v: number): number | null => (v > 0 && Number.isFinite(v) ? v : null);
const finiteOrGap = (v: number): number | null => (Number.isFinite(v) ? v : null);

const gapped = (r: Ring, f: (v: number) => number | null, n?: number): (number | null)[] =>
  Array.from(ringValues(r, n), f);

/**
 * The activation distribution over steps: [steps, p100, p0, p93, p7, p84, p16, p69, p31, median],
 * so consecutive pairs are the bands 0–100, 7–93, 16–84 and 31–69.
 */
export function distributionData(s: LayerSeries): uPlot.AlignedData {
  return [ringValues(s.step), ...BAND_ORDER.map((i) => gapped(s.percentiles[i]!, finiteOrGap))];
}

/** uPlot bands of distributionData's series (1-based, upper first). */
export const DISTRIBUTION_BANDS: uPlot.Band[] = [1, 3, 5, 7].map((k) => ({ series: [k, k + 1] }));

/** The series of every layer in plan order (layers without statistics left out). */
export const orderedSeries = (s: LayerStatsState): LayerSeries[] =>
  s.order.map((id) => s.series[id]).filter((x): x is LayerSeries => x !== undefined);

/**
 * ‖∂loss/∂output‖ of every layer over steps, one series per layer in plan order. Every
 * snapshot covers every layer, so the first layer's steps are everyone's.
 */
export function gradientData(s: LayerStatsState): uPlot.AlignedData {
  const layers = orderedSeries(s);
  const first = layers[0];
  if (!first) return [[]];
  const n = Math.min(...layers.map((l) => l.step.length));
  return [ringValues(first.step, n), ...layers.map((l) => gapped(l.outputGradNorm, positive, n))];
}

/** Weight norm, weight gradient norm and update ratio of a layer over steps (log scale). */
export function weightData(s: LayerSeries): uPlot.AlignedData {
  return [
    ringValues(s.step),
    gapped(s.weightNorm, positive),
    gapped(s.weightGradNorm, positive),
    gapped(s.updateRatio, positive),
  ];
}

/** Batch vs running mean (or variance) per channel of a batch-norm snapshot. */
export function batchNormData(b: BatchNormSnapshot, what: 'mean' | 'var'): uPlot.AlignedData {
  const batch = what === 'mean' ? b.batchMean : b.batchVar;
  const running = what === 'mean' ? b.runningMean : b.runningVar;
  return [Float64Array.from(batch, (_, i) => i), Float64Array.from(batch), Float64Array.from(running)];
}

/** One table row: a key (step or channel) and its numbers. */
export interface DataRow {
  key: number;
  values: number[];
}

/** The newest `limit` snapshots of some rings that share `step`, oldest first. */
function ringRows(step: Ring, rings: readonly Ring[], limit: number): DataRow[] {
  const n = Math.min(limit, step.length, ...rings.map((r) => r.length));
  const rows: DataRow[] = [];
  for (let k = 0; k < n; k++) {
    const at = (r: Ring) => ringAt(r, r.length - n + k);
    rows.push({ key: at(step), values: rings.map(at) });
  }
  return rows;
}

/** Rows of the distribution table: the nine percentiles (in rank order), mean, std, zeros, saturated. */
export const distributionRows = (s: LayerSeries, limit: number): DataRow[] =>
  ringRows(s.step, [...s.percentiles, s.mean, s.std, s.zeroFraction, s.saturated], limit);

/** Rows of the gradient table: one column per layer in plan order. */
export function gradientRows(s: LayerStatsState, limit: number): DataRow[] {
  const layers = orderedSeries(s);
  return layers[0]
    ? ringRows(
        layers[0].step,
        layers.map((l) => l.outputGradNorm),
        limit,
      )
    : [];
}

/** Rows of the weight table: weight norm, weight gradient norm, update ratio. */
export const weightRows = (s: LayerSeries, limit: number): DataRow[] =>
  ringRows(s.step, [s.weightNorm, s.weightGradNorm, s.updateRatio], limit);

/** Rows of a batch-norm table: per channel, batch then running mean (or variance). */
export function batchNormRows(b: BatchNormSnapshot, what: 'mean' | 'var'): DataRow[] {
  const [, batch, running] = batchNormData(b, what) as [unknown, Float64Array, Float64Array];
  return Array.from(batch, (v, i) => ({ key: i, values: [v, running[i]!] }));
}

/** One channel of a batch-norm layer over its snapshots: [steps, batch mean, running mean, batch var, running var]. */
export function batchNormTimeData(history: readonly BatchNormSnapshot[], channel: number): uPlot.AlignedData {
  const pick = (f: (b: BatchNormSnapshot) => Float32Array) =>
    Float64Array.from(history, (b) => f(b)[channel] ?? NaN);
  return [
    Float64Array.from(history, (b) => b.step),
    pick((b) => b.batchMean),
    pick((b) => b.runningMean),
    pick((b) => b.batchVar),
    pick((b) => b.runningVar),
  ];
}

/** Rows of the per-channel history table (the newest `limit` snapshots). */
export function batchNormTimeRows(
  history: readonly BatchNormSnapshot[],
  channel: number,
  limit: number,
): DataRow[] {
  const data = batchNormTimeData(history.slice(-limit), channel) as Float64Array[];
  return Array.from(data[0]!, (step, i) => ({ key: step, values: data.slice(1).map((col) => col[i]!) }));
}
