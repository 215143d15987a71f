import type { DatasetRef, RunExperiment, RunRecord, TrainingConfig } from '../graph/document';
import { RUN_BATCH_POINTS, RUN_EPOCH_POINTS } from '../graph/document';
import type { EvalResult } from './protocol';

/** One epoch of a run as the UI holds it. */
export interface RunEpoch {
  epoch: number;
  train: EvalResult;
  test: EvalResult;
  testTrainingMode: EvalResult | null;
}

/** Per-batch series of a run, oldest first (steps ascending). */
export interface RunBatches {
  step: ArrayLike<number>;
  loss: ArrayLike<number>;
  accuracy: ArrayLike<number>;
}

/** Everything a run record is made from. */
export interface RunRecordInput {
  id: string;
  /** When it started, as an ISO date. */
  startedAt: string;
  durationMs: number;
  config: TrainingConfig;
  dataset: DatasetRef;
  backend: string | null;
  /** 'completed', 'stopped', 'limit' or 'failed'. */
  reason: string;
  failure?: string;
  epochs: readonly RunEpoch[];
  batches: RunBatches;
  seq: number;
  experiment?: RunExperiment;
  heldOutExamples?: number;
}

/** A number rounded to 5 significant digits (enough for a curve; keeps the file small), or null when not finite. */
export function compact(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(5)) : null;
}

/** Mean of the finite values of a[from, to), or null when there are none. */
function bucketMean(a: ArrayLike<number>, from: number, to: number): number | null {
  let sum = 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const v = a[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? null : compact(sum / n);
}

/**
 * Per-batch curves reduced to at most `points` points: consecutive batches are grouped
 * into equal buckets, each shown at its last step with the mean of its values (a mean
 * keeps the curve's level; every batch counts once). Short series are kept as they are.
 */
export function downsampleBatches(
  b: RunBatches,
  points = RUN_BATCH_POINTS,
): NonNullable<RunRecord['batchCurves']> {
  const n = Math.min(b.step.length, b.loss.length, b.accuracy.length);
  const buckets = Math.min(n, points);
  const out = { step: [] as number[], loss: [] as (number | null)[], accuracy: [] as (number | null)[] };
  for (let k = 0; k < buckets; k++) {
    const from = Math.floor((k * n) / buckets);
    const to = Math.floor(((k + 1) * n) / buckets);
    out.step.push(b.step[to - 1]!);
    out.loss.push(bucketMean(b.loss, from, to));
    out.accuracy.push(bucketMean(b.accuracy, from, to));
  }
  return out;
}

/** The compact record of an ended run: config, seed (in the config), final metrics and curves. */
export function runRecordOf(r: RunRecordInput): RunRecord {
  const epochs = r.epochs.slice(-RUN_EPOCH_POINTS);
  const last = epochs[epochs.length - 1];
  const tm = (e: RunEpoch) => (e.testTrainingMode ? compact(e.testTrainingMode.accuracy) : null);
  const record: RunRecord = {
    id: r.id,
    startedAt: r.startedAt,
    durationMs: Math.max(0, Math.round(r.durationMs)),
    config: r.config,
    dataset: r.dataset,
    backend: r.backend ?? '',
    reason: r.reason,
    final: {
      loss: last ? compact(last.train.loss) : null,
      accuracy: last ? compact(last.train.accuracy) : null,
      testAccuracy: last ? compact(last.test.accuracy) : null,
      testAccuracyTrainingMode: last ? tm(last) : null,
    },
    curves: {
      epoch: epochs.map((e) => e.epoch),
      loss: epochs.map((e) => compact(e.train.loss)),
      accuracy: epochs.map((e) => compact(e.train.accuracy)),
      testAccuracy: epochs.map((e) => compact(e.test.accuracy)),
      testLoss: epochs.map((e) => compact(e.test.loss)),
      testAccuracyTrainingMode: epochs.map(tm),
    },
    seq: r.seq,
    batchCurves: downsampleBatches(r.batches),
  };
  if (r.experiment) record.experiment = r.experiment;
  if (r.heldOutExamples !== undefined) record.heldOutExamples = r.heldOutExamples;
  if (r.failure !== undefined) record.failure = r.failure;
  return record;
}
