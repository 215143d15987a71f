import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DatasetRef, TrainingConfig } from '../../src/graph/document';
import type { FromTrainer } from '../../src/training/protocol';
import {
  beginRun,
  initialTrainingState,
  reduceTrainer,
  stopRun,
  type ResumePoint,
  type TrainingState,
} from './training-reducer';

/** What a run was started from, stored with its checkpoints so a restart can resume it. */
export interface RunOrigin {
  /** The project the run belongs to (projectKey in run-checkpoints.ts). */
  project: string;
  /** planHash() of the plan it trains. */
  planHash: string;
  config: TrainingConfig;
  dataset: DatasetRef;
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
}

/** Creates a training store; `capacity` bounds the per-batch series. */
export function createTrainingStore(capacity?: number): StoreApi<TrainingStoreState> {
  return createStore<TrainingStoreState>()((set, get) => ({
    run: initialTrainingState(capacity),
    origin: null,
    begin: (runId, config, origin = null, resume = null) =>
      set({ run: beginRun(get().run, runId, config, resume), origin }),
    receive: (msg) => {
      const next = reduceTrainer(get().run, msg);
      if (next !== get().run) set({ run: next });
    },
    stop: () => set({ run: stopRun(get().run) }),
  }));
}
