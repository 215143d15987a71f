import type { ModelPlan } from '../../src/compiler/plan';
import type { DatasetRef, TrainingConfig } from '../../src/graph/document';
import type { BackendChoice, FromTrainer, RunLimits } from '../../src/training/protocol';

/** What a run is started with. */
export interface StartRun {
  plan: ModelPlan;
  config: TrainingConfig;
  dataset: DatasetRef;
  limits: RunLimits;
  backend?: BackendChoice;
}

/**
 * The part of the training client (renderer/workers/training-client.ts) the UI uses.
 * Declared here so components and tests depend on the contract, not on the worker:
 * main.tsx passes the real client, tests pass a fake.
 */
export interface TrainerPort {
  /** Starts a run and returns its id; an earlier run is abandoned. */
  start(run: StartRun): string;
  pause(): void;
  resume(): void;
  step(): void;
  stop(): void;
  setLearningRate(lr: number): void;
  subscribe(listener: (msg: FromTrainer) => void): () => void;
  dispose(): void;
}
