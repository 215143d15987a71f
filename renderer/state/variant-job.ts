import { appendRun } from '../../src/graph/runs';
import type { PoolJob } from './experiment-pool';
import { recordOfRun } from './run-recorder';
import type { AppStores } from './stores';
import type { StartRun, TrainerPort } from './trainer-port';
import {
  beginRun,
  initialTrainingState,
  isLive,
  reduceTrainer,
  stopRun,
  type TrainingState,
} from './training-reducer';
import type { RunOrigin } from './training-store';

/** What one variant's job is started with: the run, where it came from, and where its progress goes. */
export interface VariantStart {
  run: StartRun;
  origin: RunOrigin;
  /** Called with the share of its steps done (0 to 1) as the run goes. */
  onProgress(fraction: number): void;
  /** Called with the run's state whenever it changed (the live overlay of the experiment draws it). */
  onRun?(run: TrainingState): void;
}

/** The share of a run's planned steps done so far. */
export function fractionDone(run: TrainingState): number {
  const planned = run.epochs * run.batchesPerEpoch;
  return planned > 0 ? Math.min(1, run.step / planned) : 0;
}

/** Calls `report` when the whole percentage changes (keeps store updates to about a hundred a run). */
function throttled(report: (fraction: number) => void): (run: TrainingState) => void {
  let last = -1;
  return (run) => {
    const pct = Math.floor(fractionDone(run) * 100);
    if (pct === last) return;
    last = pct;
    report(pct / 100);
  };
}

/**
 * Trains a variant on the app's own trainer, through the training store, as the Train
 * button does: its charts show live, and the run recorder keeps it in the history. The
 * job ends with the run's final state (stopped where another run replaced it).
 */
export function mainTrainerJob(stores: AppStores, v: VariantStart): PoolJob<TrainingState> {
  const runId = stores.trainer.start(v.run);
  stores.training.getState().begin(runId, v.run.config, v.origin);
  const progress = throttled(v.onProgress);
  const done = new Promise<TrainingState>((resolve) => {
    let seen: TrainingState | null = null;
    const check = (run: TrainingState): void => {
      if (run.runId === runId && run !== seen) {
        seen = run;
        v.onRun?.(run);
      }
      if (run.runId === runId && isLive(run.phase)) return progress(run);
      off();
      resolve(run.runId === runId ? run : { ...stopRun(run), runId, finishReason: 'stopped' });
    };
    const off = stores.training.subscribe((s) => check(s.run));
    check(stores.training.getState().run);
  });
  return {
    done,
    cancel() {
      const run = stores.training.getState().run;
      if (run.runId !== runId || !isLive(run.phase)) return;
      stores.trainer.stop();
      stores.training.getState().stop();
    },
  };
}

/**
 * Trains a variant in a trainer of its own (its own worker), folding its messages into a
 * state of its own. When the run ends (or is cancelled) the worker goes, and the run is
 * appended to the document's history unless it ended before its first batch.
 */
export function ownTrainerJob(stores: AppStores, port: TrainerPort, v: VariantStart): PoolJob<TrainingState> {
  const startedAt = Date.now();
  const runId = port.start(v.run);
  let run = beginRun(initialTrainingState(), runId, v.run.config);
  let heldOut: number | undefined;
  const progress = throttled(v.onProgress);
  let resolveDone: (run: TrainingState) => void = () => {};
  const done = new Promise<TrainingState>((resolve) => (resolveDone = resolve));
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    off();
    port.dispose();
    const failed = run.phase === 'failed';
    if (failed || run.batches.step.length > 0 || run.epochRows.length > 0) {
      const runs = stores.document.getState().doc.runs;
      const record = recordOfRun(run, v.origin, { startedAt, now: Date.now(), heldOut, runs });
      stores.document.getState().updateRuns((rs) => appendRun(rs, record));
    }
    resolveDone(run);
  };
  const off = port.subscribe((msg) => {
    if (msg.type === 'epoch' && msg.runId === runId && msg.heldOutExamples !== undefined) {
      heldOut = msg.heldOutExamples;
    }
    const before = run;
    run = reduceTrainer(run, msg);
    if (run !== before) v.onRun?.(run);
    if (isLive(run.phase)) progress(run);
    else end();
  });
  return {
    done,
    cancel() {
      if (ended) return;
      port.stop();
      run = stopRun(run);
      end();
    },
  };
}
