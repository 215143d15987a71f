import type uPlot from 'uplot';
import { datasetTask } from '../../src/graph/datasets';
import type { RunRecord, TrainingConfig } from '../../src/graph/document';
import type { RunMetric } from '../../src/training/protocol';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * Colours of the overlay's series: the Okabe–Ito palette, which stays distinguishable
 * with the common colour-vision deficiencies (yellow last: faint on a light background).
 */
export const RUN_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#000000',
  '#F0E442',
] as const;

/** The colour of the i-th picked run (the palette repeats past eight). */
export const runColor = (i: number): string => RUN_PALETTE[i % RUN_PALETTE.length]!;

/** What a run is called: the user's name, else its experiment variant, else "Run n". */
export function runLabel(run: RunRecord, index: number, t: T): string {
  if (run.label) return run.label;
  const n = run.seq ?? index + 1;
  const e = run.experiment;
  if (!e) return t('ui.runs.defaultLabel', { n });
  return t('ui.runs.experimentLabel', { n, variant: variantName(e.variant, run.config, t) });
}

/** What an experiment's variant is called ("with batch norm", "learning rate 0.1", "seed 7"). */
export function variantName(
  variant: string,
  config: Pick<TrainingConfig, 'learningRate' | 'seed'>,
  t: T,
): string {
  if (variant === 'with-bn') return t('ui.runs.variant.withBn');
  if (variant === 'without-bn') return t('ui.runs.variant.withoutBn');
  if (variant === 'lr') return t('ui.runs.variant.lr', { lr: config.learningRate });
  return t('ui.runs.variant.seed', { seed: config.seed });
}

/** A one-line summary of a run's settings: optimizer, rate, batch, epochs, seed, examples. */
export function configSummary(run: RunRecord, t: T): string {
  const c = run.config;
  return t('ui.runs.configSummary', {
    optimizer: c.optimizer.toUpperCase(),
    lr: c.learningRate,
    batch: c.batchSize,
    epochs: run.curves.epoch.length,
    seed: c.seed,
    examples: c.trainLimit ?? t('ui.training.all'),
  });
}

/** The picked runs, in the order picked, skipping ids no longer in the history. */
export function pickedRuns(runs: readonly RunRecord[], selected: readonly string[]): RunRecord[] {
  const byId = new Map(runs.map((r) => [r.id, r]));
  return selected.map((id) => byId.get(id)).filter((r): r is RunRecord => r !== undefined);
}

/**
 * Several runs' curves on one x axis for uPlot: the sorted union of their x values, and
 * one series per run with null where that run has no point (gaps are spanned).
 */
export function overlayData(
  runs: readonly RunRecord[],
  pick: (r: RunRecord) => Curve | null,
): uPlot.AlignedData {
  return alignCurves(runs.map(pick));
}

/** One curve: x values and their y values (null for a gap). */
export interface Curve {
  x: readonly number[];
  y: readonly (number | null)[];
}

/** Curves on one x axis: the sorted union of their x values, null where a curve has no point. */
export function alignCurves(curves: readonly (Curve | null)[]): uPlot.AlignedData {
  const xs = [...new Set(curves.flatMap((c) => (c ? c.x : [])))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const series = curves.map((c) => {
    const ys = new Array<number | null>(xs.length).fill(null);
    c?.x.forEach((x, i) => (ys[at.get(x)!] = c.y[i] ?? null));
    return ys;
  });
  return [xs, ...series];
}

/** The training loss per (downsampled) batch, or null for runs saved without batch curves. */
export const batchLoss = (r: RunRecord) =>
  r.batchCurves ? { x: r.batchCurves.step, y: r.batchCurves.loss } : null;

/** The test accuracy (prediction mode) per epoch. */
export const epochTestAccuracy = (r: RunRecord) => ({ x: r.curves.epoch, y: r.curves.testAccuracy });

/** The test accuracy in training mode (batch statistics) per epoch, or null when the run has none. */
export const epochTestAccuracyTrainingMode = (r: RunRecord) => {
  const y = r.curves.testAccuracyTrainingMode;
  return y && y.some((v) => v !== null) ? { x: r.curves.epoch, y } : null;
};

/** The training loss per epoch. */
export const epochLoss = (r: RunRecord) => ({ x: r.curves.epoch, y: r.curves.loss });

/** A metric for a table cell: 4 decimals, or an en dash when there is none. */
export const metricText = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(4);

/** What a run's `accuracy` figures hold: accuracy, or the mean absolute error of a regression run. */
export const runMetric = (r: RunRecord): RunMetric =>
  datasetTask(r.dataset) === 'regression' ? 'mae' : 'accuracy';

/**
 * The picked runs grouped by metric (accuracy first), as indices into `runs` so each run
 * keeps its colour: accuracy and MAE never share an axis, since one is a share in [0, 1]
 * where higher is better and the other an error in the targets' units where lower is.
 */
export function runsByMetric(runs: readonly RunRecord[]): { metric: RunMetric; indices: number[] }[] {
  const metrics: RunMetric[] = ['accuracy', 'mae'];
  return metrics
    .map((metric) => ({ metric, indices: runs.flatMap((r, i) => (runMetric(r) === metric ? [i] : [])) }))
    .filter((g) => g.indices.length > 0);
}
