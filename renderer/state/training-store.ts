import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TrainingConfig } from '../../src/graph/document';
import type { FromTrainer } from '../../src/training/protocol';
import {
  beginRun,
  initialTrainingState,
  reduceTrainer,
  stopRun,
  type TrainingState,
} from './training-reducer';

/** The training store: the reducer's state plus the actions that drive it. */
export interface TrainingStoreState {
  run: TrainingState;
  begin(runId: string, config: Pick<TrainingConfig, 'epochs' | 'batchSize'>): void;
  receive(msg: FromTrainer): void;
  stop(): void;
}

/** Creates a training store; `capacity` bounds the per-batch series. */
export function createTrainingStore(capacity?: number): StoreApi<TrainingStoreState> {
  return createStore<TrainingStoreState>()((set, get) => ({
    run: initialTrainingState(capacity),
    begin: (runId, config) => set({ run: beginRun(get().run, runId, config) }),
    receive: (msg) => {
      const next = reduceTrainer(get().run, msg);
      if (next !== get().run) set({ run: next });
    },
    stop: () => set({ run: stopRun(get().run) }),
  }));
}
