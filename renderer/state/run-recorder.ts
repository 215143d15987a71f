import type { StoreApi } from 'zustand/vanilla';
import { appendRun, nextRunSeq } from '../../src/graph/runs';
import { ringValues } from '../../src/training/ring-buffer';
import { runRecordOf } from '../../src/training/run-record';
import type { DocumentState } from './document-store';
import type { TrainerPort } from './trainer-port';
import { isLive } from './training-reducer';
import type { RunOrigin, TrainingStoreState } from './training-store';
import type { TrainingState } from './training-reducer';
import type { RunRecord } from '../../src/graph/document';

/** When a run started and ended (ms since the epoch), its held-out count, and the history it joins. */
export interface RecordTimes {
  startedAt: number;
  now: number;
  heldOut: number | undefined;
  runs: readonly RunRecord[];
}

/**
 * The compact record of an ended run for the run history. Its number is the origin's own
 * (an experiment numbers its variants in their order) or the next free one.
 */
export function recordOfRun(run: TrainingState, origin: RunOrigin, at: RecordTimes): RunRecord {
  const failed = run.phase === 'failed';
  return runRecordOf({
    id: run.runId ?? '',
    startedAt: new Date(at.startedAt).toISOString(),
    durationMs: at.now - at.startedAt,
    config: origin.config,
    dataset: origin.dataset,
    backend: run.backend,
    reason: failed ? 'failed' : (run.finishReason ?? 'completed'),
    ...(run.failure && { failure: run.failure.message }),
    epochs: run.epochRows,
    batches: {
      step: ringValues(run.batches.step),
      loss: ringValues(run.batches.loss),
      accuracy: ringValues(run.batches.accuracy),
    },
    seq: origin.seq ?? nextRunSeq(at.runs),
    ...(origin.experiment && { experiment: origin.experiment }),
    ...(at.heldOut !== undefined && { heldOutExamples: at.heldOut }),
  });
}

/** What the recorder works with; `now` gives milliseconds since the epoch. */
export interface RecorderDeps {
  trainer: Pick<TrainerPort, 'subscribe'>;
  training: StoreApi<TrainingStoreState>;
  document: StoreApi<DocumentState>;
  now(): number;
}

/**
 * Appends a compact record of every run started from the app (one with an origin) to
 * the document's run history when it ends: finished, stopped or failed. A run stopped
 * before its first batch leaves no record. Returns the function that stops recording.
 */
export function startRunRecorder(deps: RecorderDeps): () => void {
  let started: { runId: string; at: number } | null = null;
  let heldOut: number | undefined;
  const offMessages = deps.trainer.subscribe((msg) => {
    if (msg.type === 'epoch' && msg.runId === started?.runId && msg.heldOutExamples !== undefined) {
      heldOut = msg.heldOutExamples;
    }
  });
  const offStore = deps.training.subscribe((s, prev) => {
    const run = s.run;
    if (run.runId !== null && run.runId !== prev.run.runId) {
      started = { runId: run.runId, at: deps.now() };
      heldOut = undefined;
    }
    if (!isLive(prev.run.phase) || isLive(run.phase) || run.runId !== prev.run.runId) return;
    if (!s.origin || !started || started.runId !== run.runId) return;
    const failed = run.phase === 'failed';
    if (!failed && run.batches.step.length === 0 && run.epochRows.length === 0) return;
    const runs = deps.document.getState().doc.runs;
    const record = recordOfRun(run, s.origin, { startedAt: started.at, now: deps.now(), heldOut, runs });
    started = null;
    deps.document.getState().updateRuns((rs) => appendRun(rs, record));
  });
  return () => {
    offMessages();
    offStore();
  };
}
