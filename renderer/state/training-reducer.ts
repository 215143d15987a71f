import type { TrainingConfig } from '../../src/graph/document';
import type { BackendPick } from '../../src/training/backend-pick';
import type {
  EvalResult,
  FailedDiagnostic,
  FinishReason,
  FromTrainer,
  RunMetric,
} from '../../src/training/protocol';
import {
  appendFinding,
  appendLayerStats,
  initialLayerStats,
  type LayerFinding,
  type LayerStatsState,
} from './layer-stats-reducer';
import { createRing, pushRing, type Ring } from '../../src/training/ring-buffer';

/** Where a run is in its life. */
export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'failed';

/** Per-batch series of the current run, oldest first; bounded rings. */
export interface BatchSeries {
  step: Ring;
  epoch: Ring;
  loss: Ring;
  accuracy: Ring;
}

/** One finished epoch: the training averages and the test evaluations. */
export interface EpochRow {
  epoch: number;
  /** Global step at the end of the epoch (to place the point on the batch axis). */
  step: number;
  train: EvalResult;
  test: EvalResult;
  testTrainingMode: EvalResult | null;
}

/** Why a run failed, as the trainer reported it (render it with failureText, diag-text.ts). */
export type RunFailure = FailedDiagnostic;

/** Everything the UI shows about the current (or last) training run. */
export interface TrainingState {
  runId: string | null;
  phase: RunPhase;
  batchSize: number;
  backend: string | null;
  reason: string | null;
  /** How the backend was picked ('auto' timed them; absent or null: not told). */
  pick?: BackendPick | null;
  /** What the `accuracy` series and results hold: accuracy, or a regression run's mean absolute error. */
  metric: RunMetric;
  epochs: number;
  batchesPerEpoch: number;
  epoch: number;
  batchInEpoch: number;
  step: number;
  examplesPerSec: number;
  finishReason: FinishReason | null;
  failure: RunFailure | null;
  batches: BatchSeries;
  epochRows: readonly EpochRow[];
  /** Per-layer statistics and findings (layer-stats-reducer.ts). */
  layers: LayerStatsState;
  /** Bumped on every change, so views can re-read the mutable rings. */
  version: number;
}

/** Default number of batches kept for charts and tables. */
export const BATCH_CAPACITY = 10_000;
/** Most epoch rows kept (the project file keeps at most 1,000 points per run, too). */
export const EPOCH_CAPACITY = 1000;

const newSeries = (capacity: number): BatchSeries => ({
  step: createRing(capacity),
  epoch: createRing(capacity),
  loss: createRing(capacity),
  accuracy: createRing(capacity),
});

/** The state before any run. */
export function initialTrainingState(capacity = BATCH_CAPACITY): TrainingState {
  return {
    runId: null,
    phase: 'idle',
    batchSize: 0,
    backend: null,
    reason: null,
    pick: null,
    metric: 'accuracy',
    epochs: 0,
    batchesPerEpoch: 0,
    epoch: 0,
    batchInEpoch: 0,
    step: 0,
    examplesPerSec: 0,
    finishReason: null,
    failure: null,
    batches: newSeries(capacity),
    epochRows: [],
    layers: initialLayerStats(),
    version: 0,
  };
}

/** True while a run can still send results. */
export const isLive = (phase: RunPhase): boolean =>
  phase === 'starting' || phase === 'running' || phase === 'paused';

/** Where a resumed run picks up: the checkpoint's epoch and step, and the epochs finished before it. */
export interface ResumePoint {
  epoch: number;
  step: number;
  rows: readonly EpochRow[];
}

/**
 * A new run was started: fresh series, waiting for 'started'. A resumed run starts its
 * counters at the checkpoint and its epoch table with the epochs done before it.
 */
export function beginRun(
  s: TrainingState,
  runId: string,
  config: Pick<TrainingConfig, 'epochs' | 'batchSize'>,
  resume: ResumePoint | null = null,
): TrainingState {
  return {
    ...initialTrainingState(s.batches.step.capacity),
    runId,
    phase: 'starting',
    batchSize: config.batchSize,
    epochs: config.epochs,
    ...(resume && { epoch: resume.epoch, step: resume.step, epochRows: resume.rows.slice(-EPOCH_CAPACITY) }),
    version: s.version + 1,
  };
}

/** The user stopped the run: it ends here, and late messages of it are ignored. */
export function stopRun(s: TrainingState): TrainingState {
  if (!isLive(s.phase)) return s;
  return { ...s, phase: 'finished', finishReason: 'stopped', version: s.version + 1 };
}

/**
 * Applies a trainer message. Messages of another run, or arriving after the run
 * ended, are ignored. The batch rings are appended in place (see ring-buffer.ts);
 * the returned state is a new object with a higher version.
 */
export function reduceTrainer(s: TrainingState, msg: FromTrainer): TrainingState {
  if (msg.type === 'ready' || msg.runId !== s.runId || !isLive(s.phase)) return s;
  const v = s.version + 1;
  switch (msg.type) {
    case 'started':
      return {
        ...s,
        phase: s.phase === 'paused' ? 'paused' : 'running',
        backend: msg.backend,
        reason: msg.reason,
        pick: msg.pick ?? null,
        metric: msg.metric ?? 'accuracy',
        epochs: msg.epochs,
        batchesPerEpoch: msg.batchesPerEpoch,
        // A resumed run counts on from its checkpoint (the progress bar starts part-full).
        ...(msg.resumed && { epoch: msg.resumed.epoch, step: msg.resumed.step, batchInEpoch: 0 }),
        version: v,
      };
    case 'batches':
      return appendBatches(s, msg, v);
    case 'epoch':
      return appendEpoch(s, msg, v);
    case 'paused':
      return { ...s, phase: msg.paused ? 'paused' : 'running', version: v };
    case 'finished':
      return { ...s, phase: 'finished', finishReason: msg.reason, version: v };
    case 'failed':
      return { ...s, phase: 'failed', failure: msg.diagnostic, version: v };
    case 'layer-stats':
      return { ...s, layers: appendLayerStats(s.layers, msg), version: v };
    case 'finding': {
      const { nodeId, code, message, step, values, epoch } = msg;
      const finding: LayerFinding = { nodeId, code, message, step };
      if (values) finding.values = values;
      if (epoch !== undefined) finding.epoch = epoch;
      return { ...s, layers: appendFinding(s.layers, finding), version: v };
    }
    case 'checkpoint':
      return s; // checkpoints are not shown
    case 'weights':
      return s; // answers to get-weights go to whoever asked (training-client.ts)
    case 'boundary':
      return s; // drawn straight from the message by the decision-boundary view
    case 'surface':
      return s; // drawn straight from the message by the surface view
    case 'fit':
      return s; // drawn straight from the message by the fit view
    case 'evaluation':
    case 'feature-maps':
    case 'image-prediction':
    case 'view-failed':
      return s; // answers to view requests go to whoever asked (training-client.ts)
  }
}

function appendBatches(
  s: TrainingState,
  msg: Extract<FromTrainer, { type: 'batches' }>,
  v: number,
): TrainingState {
  const n = Math.min(msg.steps.length, msg.losses.length, msg.accuracies.length);
  if (n === 0) return s;
  for (let i = 0; i < n; i++) {
    pushRing(s.batches.step, msg.steps[i]!);
    pushRing(s.batches.epoch, msg.epoch);
    pushRing(s.batches.loss, msg.losses[i]!);
    pushRing(s.batches.accuracy, msg.accuracies[i]!);
  }
  return {
    ...s,
    phase: s.phase === 'starting' ? 'running' : s.phase,
    epoch: msg.epoch,
    batchInEpoch: msg.batchInEpoch,
    step: msg.steps[n - 1]!,
    examplesPerSec: msg.examplesPerSec,
    version: v,
  };
}

function appendEpoch(
  s: TrainingState,
  msg: Extract<FromTrainer, { type: 'epoch' }>,
  v: number,
): TrainingState {
  const row: EpochRow = {
    epoch: msg.epoch,
    step: s.step,
    train: msg.train,
    test: msg.test.predictionMode,
    testTrainingMode: msg.test.trainingMode,
  };
  return { ...s, epochRows: [...s.epochRows, row].slice(-EPOCH_CAPACITY), version: v };
}
