import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DatasetRef, RunExperiment, TrainingConfig } from '../../src/graph/document';
import type { FromTrainer } from '../../src/training/protocol';
import {
  beginRun,
  initialTrainingState,
  reduceTrainer,
  stopRun,
  type ResumePoint,
  type TrainingState,
} from './training-reducer';

/** A learning-rate change made during a run: the first step that uses it, and the new base rate. */
export interface LrChange {
  step: number;
  lr: number;
}

/** What a run was started from, stored with its checkpoints so a restart can resume it. */
export interface RunOrigin {
  /** The project the run belongs to (projectKey in run-checkpoints.ts). */
  project: string;
  /** planHash() of the plan it trains. */
  planHash: string;
  config: TrainingConfig;
  dataset: DatasetRef;
  /** The experiment the run belongs to (recorded with it in the run history). */
  experiment?: RunExperiment;
  /** The run's number in the history, where an experiment fixed it in advance (else the next free one). */
  seq?: number;
}

/** The training store: the reducer's state plus the actions that drive it. */
export interface TrainingStoreState {
  run: TrainingState;
  /** The current run's origin (null for runs started without one, as in some tests). */
  origin: RunOrigin | null;
  begin(
    runId: string,
    config: Pick<TrainingConfig, 'epochs' | 'batchSize'>,
    origin?: RunOrigin | null,
    resume?: ResumePoint | null,
  ): void;
  receive(msg: FromTrainer): void;
  stop(): void;
  /** Learning-rate changes made during the current run (for the learning-rate chart). */
  lrChanges: readonly LrChange[];
  /** Records that the run's base learning rate became `lr` from the next step on. */
  noteLearningRate(lr: number): void;
}

/** Creates a training store; `capacity` bounds the per-batch series. */
export function createTrainingStore(capacity?: number): StoreApi<TrainingStoreState> {
  return createStore<TrainingStoreState>()((set, get) => ({
    run: initialTrainingState(capacity),
    origin: null,
    lrChanges: [],
    begin: (runId, config, origin = null, resume = null) =>
      set({ run: beginRun(get().run, runId, config, resume), origin, lrChanges: [] }),
    receive: (msg) => {
      const next = reduceTrainer(get().run, msg);
      if (next !== get().run) set({ run: next });
    },
    stop: () => set({ run: stopRun(get().run) }),
    noteLearningRate: (lr) => set({ lrChanges: [...get().lrChanges, { step: get().run.step + 1, lr }] }),
  }));
}
