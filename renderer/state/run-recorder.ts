import type { StoreApi } from 'zustand/vanilla';
import { appendRun, nextRunSeq } from '../../src/graph/runs';
import { ringValues } from '../../src/training/ring-buffer';
import { runRecordOf } from '../../src/training/run-record';
import type { DocumentState } from './document-store';
import type { TrainerPort } from './trainer-port';
import { isLive } from './training-reducer';
import type { TrainingStoreState } from './training-store';

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
    const record = runRecordOf({
      id: run.runId,
      startedAt: new Date(started.at).toISOString(),
      durationMs: deps.now() - started.at,
      config: s.origin.config,
      dataset: s.origin.dataset,
      backend: run.backend,
      reason: failed ? 'failed' : (run.finishReason ?? 'completed'),
      ...(run.failure && { failure: run.failure.message }),
      epochs: run.epochRows,
      batches: {
        step: ringValues(run.batches.step),
        loss: ringValues(run.batches.loss),
        accuracy: ringValues(run.batches.accuracy),
      },
      seq: nextRunSeq(runs),
      ...(s.origin.experiment && { experiment: s.origin.experiment }),
      ...(heldOut !== undefined && { heldOutExamples: heldOut }),
    });
    started = null;
    deps.document.getState().updateRuns((rs) => appendRun(rs, record));
  });
  return () => {
    offMessages();
    offStore();
  };
}
