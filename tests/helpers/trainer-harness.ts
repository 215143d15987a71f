import { compilePlan, type ModelPlan } from '../../src/compiler/plan';
import type { ImageDataset } from '../../src/data/dataset';
import { DEFAULT_TRAINING, type DatasetRef, type TrainingConfig } from '../../src/graph/document';
import type { ParamValue } from '../../src/layers/spec';
import { Trainer, type DataSource } from '../../src/runtime/trainer';
import {
  DEFAULT_START_OPTIONS,
  type BackendChoice,
  type Checkpoint,
  type FromTrainer,
  type RunLimits,
  type StatsOptions,
  type ToTrainer,
} from '../../src/training/protocol';
import { createRng } from '../../src/util/random';
import { chain } from '../unit/core/doc-helpers';
import { nodeWasmDir } from './tf-backends';

/** The small synthetic dataset's reference: 8x8 grey images in 3 classes. */
export const TOY_REF: DatasetRef = {
  kind: 'imported',
  id: 'toy',
  name: 'toy',
  inputShape: [8, 8, 1],
  classes: 3,
};

/** A learnable toy set: noise plus a bright band whose position is the class. */
export function toyDataset(count: number, seed: number): ImageDataset {
  const rng = createRng(seed);
  const pixels = new Uint8Array(count * 64);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = rng.int(3);
    labels[i] = label;
    for (let p = 0; p < 64; p++) {
      const row = p >> 3;
      const band = row >= label * 3 && row < label * 3 + 2;
      pixels[i * 64 + p] = Math.min(255, rng.int(120) + (band ? 120 : 0));
    }
  }
  return { count, inputShape: [8, 8, 1], classes: 3, pixels, labels };
}

/** A data source serving the toy set (the Fashion-MNIST one lives in fashion-mnist.ts). */
export const toySource = (train = 256, test = 96): DataSource => ({
  load: async () => ({ train: toyDataset(train, 1), test: toyDataset(test, 2) }),
});

/** Compiles a chain of layers (between an Input and an Output) on a dataset; node ids are l1, l2, ... */
export function chainPlan(dataset: DatasetRef, layers: [string, Record<string, ParamValue>?][]): ModelPlan {
  const doc = { ...chain([['input'], ...layers, ['output']]), dataset };
  const r = compilePlan(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Compiles a chain of layers on the toy dataset. */
export const toyPlan = (layers: [string, Record<string, ParamValue>?][]): ModelPlan =>
  chainPlan(TOY_REF, layers);

/** A small conv net with batch norm and dropout on the toy set. */
export const toyConvPlan = (): ModelPlan =>
  toyPlan([
    ['conv2d', { filters: 4, kernelSize: 3, padding: 'same' }],
    ['batch-norm'],
    ['activation', { activation: 'relu' }],
    ['max-pool2d'],
    ['flatten'],
    ['dense', { units: 12 }],
    ['batch-norm'],
    ['activation', { activation: 'relu' }],
    ['dropout', { rate: 0.25 }],
    ['dense', { units: 3 }],
  ]);

/** A 'start' message with defaults for everything not given. */
export function startMsg(
  plan: ModelPlan,
  opts: {
    runId?: string;
    config?: Partial<TrainingConfig>;
    limits?: Partial<RunLimits>;
    backend?: BackendChoice;
    dataset?: DatasetRef;
    /** Statistics settings; by default statistics stay at the trainer's defaults. */
    stats?: Partial<StatsOptions>;
    checkpointData?: boolean;
    resume?: Checkpoint;
  } = {},
): Extract<ToTrainer, { type: 'start' }> {
  const options =
    opts.stats || opts.checkpointData !== undefined
      ? {
          stats: { ...DEFAULT_START_OPTIONS.stats, ...opts.stats },
          checkpointData: opts.checkpointData ?? true,
        }
      : undefined;
  return {
    type: 'start',
    runId: opts.runId ?? 'run-1',
    plan: plan as unknown as Extract<ToTrainer, { type: 'start' }>['plan'],
    config: { ...DEFAULT_TRAINING, batchSize: 32, epochs: 1, learningRate: 0.1, ...opts.config },
    dataset: opts.dataset ?? TOY_REF,
    limits: { maxExamples: null, maxEpochs: null, maxSteps: null, maxTestExamples: null, ...opts.limits },
    backend: opts.backend ?? 'cpu',
    ...(options ? { options } : {}),
    ...(opts.resume ? { resume: opts.resume } : {}),
  };
}

/** A trainer whose posted messages are collected (and optionally reacted to). */
export function harness(data: DataSource, onMessage?: (msg: FromTrainer, trainer: Trainer) => void) {
  const messages: FromTrainer[] = [];
  const trainer: Trainer = new Trainer(
    (msg) => {
      messages.push(msg);
      onMessage?.(msg, trainer);
    },
    data,
    { backend: { wasmPaths: nodeWasmDir() } },
  );
  return { trainer, messages };
}

/** All messages of one type. */
export const ofType = <T extends FromTrainer['type']>(messages: FromTrainer[], type: T) =>
  messages.filter((m): m is Extract<FromTrainer, { type: T }> => m.type === type);

/** Every loss reported in 'batches' messages, in step order. */
export const reportedLosses = (messages: FromTrainer[]): number[] =>
  ofType(messages, 'batches').flatMap((m) => Array.from(m.losses));

/** The data of the last 'checkpoint' message (of a kind, when given). */
export function lastCheckpoint(messages: FromTrainer[], kind?: 'epoch-end' | 'last-good'): Checkpoint {
  const data = ofType(messages, 'checkpoint')
    .filter((m) => !kind || m.kind === kind)
    .at(-1)?.data;
  if (!data) throw new Error('no checkpoint with data');
  return data;
}

/** Every step number reported in 'batches' messages, in order. */
export const reportedSteps = (messages: FromTrainer[]): number[] =>
  ofType(messages, 'batches').flatMap((m) => Array.from(m.steps));
