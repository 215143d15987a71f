import type { StoreApi } from 'zustand/vanilla';
import type { TrainingConfig } from '../../src/graph/document';
import { encodeRunCheckpoint, type RunCheckpoint } from '../../src/training/checkpoint-record';
import type { Checkpoint, FromTrainer, RunLimits } from '../../src/training/protocol';
import type { BackupHost } from '../host/backup-host';
import type { TrainerPort } from './trainer-port';
import type { RunOrigin, TrainingStoreState } from './training-store';

/**
 * The key a project's checkpoint is stored under: its file path once it has one, else
 * its name (an unsaved project, and every project in a browser).
 */
export function projectKey(name: string, filePath: string | null): string {
  return filePath ?? `untitled:${name}`;
}

/** The limits of a run started from the Training panel: only the cap on training examples. */
export function runLimitsOf(config: Pick<TrainingConfig, 'trainLimit'>): RunLimits {
  return { maxExamples: config.trainLimit, maxEpochs: null, maxSteps: null, maxTestExamples: null };
}

/** The stored form of an epoch-end checkpoint of the current run, with the epochs finished so far. */
export function runCheckpointOf(
  origin: RunOrigin,
  run: TrainingStoreState['run'],
  at: { runId: string; epoch: number; data: Checkpoint },
): RunCheckpoint {
  return {
    project: origin.project,
    runId: at.runId,
    epoch: at.epoch,
    epochs: run.epochs,
    config: origin.config,
    dataset: origin.dataset,
    planHash: origin.planHash,
    metrics: run.epochRows.filter((r) => r.epoch <= at.epoch).map((r) => ({ ...r })),
    checkpoint: at.data,
  };
}

/** What the keeper works with. */
export interface KeeperDeps {
  trainer: Pick<TrainerPort, 'subscribe'>;
  training: StoreApi<TrainingStoreState>;
  host: Pick<BackupHost, 'putCheckpoint' | 'deleteCheckpoint'>;
  onError(error: unknown): void;
}

/**
 * Keeps the latest epoch-end checkpoint of the current run in the host (one per
 * project, replacing the one before), and deletes it when the run finishes normally.
 * Writes happen one at a time, in order, so a delete never overtakes a write.
 * Returns the function that stops it.
 */
export function startCheckpointKeeper(deps: KeeperDeps): () => void {
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch(deps.onError);
  };
  return deps.trainer.subscribe((msg: FromTrainer) => {
    if (msg.type !== 'checkpoint' && msg.type !== 'finished') return;
    const { run, origin } = deps.training.getState();
    if (origin === null || msg.runId !== run.runId) return;
    if (msg.type === 'finished') {
      if (msg.reason !== 'stopped') enqueue(() => deps.host.deleteCheckpoint(origin.project));
      return;
    }
    if (msg.kind !== 'epoch-end' || !msg.data) return;
    const bytes = encodeRunCheckpoint(
      runCheckpointOf(origin, run, { runId: msg.runId, epoch: msg.epoch, data: msg.data }),
    );
    enqueue(() => deps.host.putCheckpoint(origin.project, bytes));
  });
}
