import type { ModelPlan } from '../../src/compiler/plan';
import type { WeightSet } from '../../src/compiler/tfjs-weights';
import type { DatasetRef, TrainingConfig } from '../../src/graph/document';
import type {
  BackendChoice,
  Checkpoint,
  FromTrainer,
  DataPart,
  RunLimits,
  StartOptions,
  ViewAnswer,
  ViewQuery,
} from '../../src/training/protocol';

/** What a run is started with. */
export interface StartRun {
  plan: ModelPlan;
  config: TrainingConfig;
  dataset: DatasetRef;
  limits: RunLimits;
  backend?: BackendChoice;
  /** Weights to start from instead of fresh ones (imported with a model.json). */
  initialWeights?: WeightSet;
  /** Continue a run from its checkpoint (a stored epoch-end checkpoint) instead of fresh weights. */
  resume?: Checkpoint;
  /** Statistics, checkpoint and decision-boundary settings (absent: the trainer's defaults). */
  options?: StartOptions;
  /** The examples of an imported dataset (the worker cannot load those itself). */
  data?: { train: DataPart; test: DataPart; validation?: DataPart };
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
  /** The current (or last) run's weights from the worker; weights null when no run has built a model. */
  getWeights(): Promise<{ runId: string | null; weights: WeightSet | null }>;
  /** Asks about an ended run (Evaluation tab); answered, or 'view-failed' saying why not. */
  view(query: ViewQuery): Promise<ViewAnswer>;
  subscribe(listener: (msg: FromTrainer) => void): () => void;
  dispose(): void;
}
