import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import { Batcher } from '../data/batches';
import { takeFirst, type ImageDataset } from '../data/dataset';
import type { DatasetRef, TrainingConfig } from '../graph/document';
import type { RunLimits, ToTrainer } from '../training/protocol';
import { setupBackend, type BackendOptions, type BackendSetup } from './backend';
import { buildModel } from './build-model';
import { TrainFailure } from './failure';
import { checkPlan } from './plan-check';
import { trainableVariables, type StepContext } from './train-step';

/** Where a run's examples come from (the worker fetches files, the CLI and tests read them from disk). */
export interface DataSource {
  load(ref: DatasetRef): Promise<{ train: ImageDataset; test: ImageDataset }>;
}

/** Everything a run needs once set up; `dispose` frees the model and optimizer. */
export interface PreparedRun extends StepContext {
  backend: BackendSetup;
  config: TrainingConfig;
  train: Batcher;
  test: Batcher;
  epochs: number;
  /** Cap on the total number of steps (null: none). */
  maxSteps: number | null;
  /** True when maxEpochs cut the configured epochs. */
  epochsCapped: boolean;
  dispose(): void;
}

type Start = Extract<ToTrainer, { type: 'start' }>;

const minOf = (...caps: (number | null)[]): number | null =>
  caps.reduce<number | null>((m, c) => (c === null ? m : m === null ? c : Math.min(m, c)), null);

/** Loads the datasets and checks they fit the plan. */
async function loadData(
  data: DataSource,
  ref: DatasetRef,
  plan: ModelPlan,
): Promise<{ train: ImageDataset; test: ImageDataset }> {
  let sets: { train: ImageDataset; test: ImageDataset };
  try {
    sets = await data.load(ref);
  } catch (e) {
    throw new TrainFailure(
      'train/data',
      `The dataset '${ref.id}' could not be loaded: ${(e as Error).message ?? String(e)}`,
    );
  }
  const shape = sets.train.inputShape.join('x');
  if (shape !== plan.inputShape.join('x') || sets.train.classes !== plan.head.classes) {
    throw new TrainFailure(
      'train/data',
      `The dataset has examples of shape ${shape} in ${sets.train.classes} classes, but the model expects ` +
        `${plan.inputShape.join('x')} in ${plan.head.classes} classes`,
    );
  }
  return sets;
}

/** Applies the run limits and the config's trainLimit to the datasets. */
function limitData(
  sets: { train: ImageDataset; test: ImageDataset },
  config: TrainingConfig,
  limits: RunLimits,
) {
  const trainCap = minOf(config.trainLimit, limits.maxExamples);
  const train = trainCap === null ? sets.train : takeFirst(sets.train, trainCap);
  const test = limits.maxTestExamples === null ? sets.test : takeFirst(sets.test, limits.maxTestExamples);
  if (train.count === 0) throw new TrainFailure('train/data', 'The dataset has no training examples');
  return { train, test };
}

/** Builds the model and optimizer, disposing the model if the optimizer fails. */
function buildTraining(
  plan: ModelPlan,
  config: TrainingConfig,
): { model: tfl.LayersModel; optimizer: tf.SGDOptimizer } {
  const model = buildModel(plan, config.seed);
  try {
    return { model, optimizer: tf.train.sgd(config.learningRate) };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/**
 * Sets up one run: checks the plan, readies the backend, loads and caps the data,
 * builds the model. Throws TrainFailure / PlanError / BackendError with what went wrong.
 */
export async function prepareRun(
  msg: Start,
  data: DataSource,
  backendOptions: BackendOptions,
): Promise<PreparedRun> {
  const checked = checkPlan(msg.plan);
  if (!checked.ok) throw new TrainFailure('train/plan', `The model plan is not valid: ${checked.error}`);
  const plan = checked.value;
  const backend = await setupBackend(msg.backend, backendOptions);
  const sets = limitData(await loadData(data, msg.dataset, plan), msg.config, msg.limits);
  const { model, optimizer } = buildTraining(plan, msg.config);
  const epochs = minOf(msg.config.epochs, msg.limits.maxEpochs)!;
  return {
    model,
    plan,
    optimizer,
    variables: trainableVariables(model),
    backend,
    config: msg.config,
    train: new Batcher(sets.train, msg.config.batchSize),
    test: new Batcher(sets.test, msg.config.batchSize),
    epochs,
    maxSteps: msg.limits.maxSteps,
    epochsCapped: epochs < msg.config.epochs,
    dispose: () => {
      optimizer.dispose();
      model.dispose();
    },
  };
}
