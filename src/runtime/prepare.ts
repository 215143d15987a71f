import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import { Batcher } from '../data/batches';
import { isRegressionSet, takeFirst, type LabelledSet } from '../data/dataset';
import type { DatasetRef, TrainingConfig } from '../graph/document';
import {
  DEFAULT_START_OPTIONS,
  type BoundaryExtent,
  type EvaluatedOn,
  type RunLimits,
  type StartOptions,
  type ToTrainer,
} from '../training/protocol';
import { gatherExamples, validationSplit } from '../training/split';
import type { BackendOptions, BackendSetup } from './backend';
import { chooseBackend } from './backend-probe';
import { boundaryExtent } from './boundary';
import { fitRange, type FitRange } from './fit';
import { buildModel } from './build-model';
import { restoreCheckpoint } from './checkpoint-io';
import type { MessageValues } from '../util/format';
import { TrainFailure } from './failure';
import { layerHandles } from './layer-handles';
import { Optimizer } from './optimizer';
import { checkPlan } from './plan-check';
import { trainableVariables, type StepContext } from './train-step';
import { setsFromMessage, type RunSets } from './message-data';
import { loadWeightSet } from './weight-set-io';

/**
 * Where a run's examples come from (the worker fetches files, the CLI and tests read them
 * from disk; toy sets are generated). Image bytes or float rows, with class labels or
 * regression targets.
 */
export interface DataSource {
  load(ref: DatasetRef): Promise<{ train: LabelledSet; test: LabelledSet }>;
}

/** Everything a run needs once set up; `dispose` frees the model and optimizer. */
export interface PreparedRun extends StepContext {
  backend: BackendSetup;
  config: TrainingConfig;
  options: StartOptions;
  train: Batcher;
  /** The held-out examples evaluated after each epoch: the test set or the validation split. */
  test: Batcher;
  evaluatedOn: EvaluatedOn;
  /** Examples in `test`. */
  heldOutExamples: number;
  epochs: number;
  /** Where a resumed run picks up: the epoch and the batches of it already done, and the steps so far. */
  resumeAt: { epoch: number; batch: number; step: number } | null;
  /** Cap on the total number of steps (null: none). */
  maxSteps: number | null;
  /** True when maxEpochs cut the configured epochs. */
  epochsCapped: boolean;
  /** The plane of the decision-boundary view, when asked for and a classifier's data are 2D points; else null. */
  boundary: BoundaryExtent | null;
  /** The inputs of the fit view, when asked for and a regression model has one input; else null. */
  fit: FitRange | null;
  dispose(): void;
}

type Start = Extract<ToTrainer, { type: 'start' }>;

const minOf = (...caps: (number | null)[]): number | null =>
  caps.reduce<number | null>((m, c) => (c === null ? m : m === null ? c : Math.min(m, c)), null);

/** Loads the datasets (or takes those sent with the run) and checks they fit the plan. */
async function loadData(data: DataSource, msg: Start, plan: ModelPlan): Promise<RunSets> {
  const ref = msg.dataset;
  let sets: RunSets;
  try {
    sets = setsFromMessage(msg.data) ?? (await data.load(ref));
  } catch (e) {
    if (e instanceof TrainFailure) throw e;
    const error = (e as Error).message ?? String(e);
    throw new TrainFailure('train/data', { key: 'data-load', values: { dataset: ref.id, error } });
  }
  checkFit(sets.train, plan, ref.id);
  return sets;
}

/** Refuses data whose shape or targets do not fit the model's input and head, saying which. */
function checkFit(train: LabelledSet, plan: ModelPlan, id: string): void {
  const shape = train.inputShape.join('x');
  const expects = plan.inputShape.join('x');
  const head = plan.head;
  const regression = isRegressionSet(train);
  const fail = (key: string, values: MessageValues): never => {
    throw new TrainFailure('train/data', { key, values });
  };
  if (head.kind === 'classification' && regression) fail('fit-classification-on-regression', { dataset: id });
  if (head.kind === 'regression' && !regression)
    fail('fit-regression-on-classes', { dataset: id, classes: train.classes });
  if (head.kind === 'regression' && (shape !== expects || head.units !== 1))
    fail('fit-regression-shape', { shape, expects, units: head.units });
  if (head.kind === 'classification' && (shape !== expects || train.classes !== head.classes))
    fail('fit-classification-shape', { shape, expects, classes: train.classes, headClasses: head.classes });
}

/** First `cap` of some indices (all of them when cap is null). */
const capped = (indices: Uint32Array, cap: number | null): Uint32Array =>
  cap === null ? indices : indices.subarray(0, cap);

/**
 * Applies the validation choice, the run limits and the config's trainLimit: with a
 * split, a seeded, stratified share of the training set is held out (and never trained on); the
 * training cap applies to what is left, the test-examples cap to the held-out part.
 */
function limitData(
  sets: RunSets,
  config: TrainingConfig,
  limits: RunLimits,
): { train: LabelledSet; test: LabelledSet; evaluatedOn: EvaluatedOn } {
  const trainCap = minOf(config.trainLimit, limits.maxExamples);
  const testCap = limits.maxTestExamples;
  let out: { train: LabelledSet; test: LabelledSet; evaluatedOn: EvaluatedOn };
  if (config.validation.kind === 'split' && sets.validation && sets.validation.count > 0) {
    // An import brings its own validation part: the split was made when it was imported.
    out = {
      train: trainCap === null ? sets.train : takeFirst(sets.train, trainCap),
      test: testCap === null ? sets.validation : takeFirst(sets.validation, testCap),
      evaluatedOn: 'validation-split',
    };
  } else if (config.validation.kind === 'split') {
    const split = validationSplit(sets.train, config.validation.fraction, config.seed);
    out = {
      train: gatherExamples(sets.train, capped(split.train, trainCap)),
      test: gatherExamples(sets.train, capped(split.heldOut, testCap)),
      evaluatedOn: 'validation-split',
    };
  } else {
    out = {
      train: trainCap === null ? sets.train : takeFirst(sets.train, trainCap),
      test: testCap === null ? sets.test : takeFirst(sets.test, testCap),
      evaluatedOn: 'test-set',
    };
  }
  if (out.train.count === 0) throw new TrainFailure('train/data', { key: 'data-empty', values: {} });
  return out;
}

/** Builds the model and optimizer, disposing the model if the optimizer fails. */
function buildTraining(
  plan: ModelPlan,
  config: TrainingConfig,
): { model: tfl.LayersModel; optimizer: Optimizer; variables: tf.Variable[] } {
  const model = buildModel(plan, config.seed);
  try {
    const variables = trainableVariables(model);
    return { model, optimizer: new Optimizer(config, variables), variables };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** Loads a checkpoint and says where the run picks up (a finished epoch continues with the next). */
function resumeFrom(
  msg: Start,
  model: tfl.LayersModel,
  optimizer: Optimizer,
  batchesPerEpoch: number,
): PreparedRun['resumeAt'] {
  if (!msg.resume) return null;
  restoreCheckpoint(model, optimizer, msg.resume);
  const m = msg.resume.manifest;
  const partial = m.batchInEpoch < m.batchesPerEpoch && m.batchesPerEpoch === batchesPerEpoch;
  return partial
    ? { epoch: Math.max(1, m.epoch), batch: m.batchInEpoch, step: m.step }
    : { epoch: m.epoch + 1, batch: 0, step: m.step };
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
  if (!checked.ok)
    throw new TrainFailure('train/plan', { key: 'plan-invalid', values: { error: checked.error } });
  const plan = checked.value;
  const backend = await chooseBackend(msg.backend, { plan, config: msg.config }, backendOptions);
  const sets = limitData(await loadData(data, msg, plan), msg.config, msg.limits);
  const { model, optimizer, variables } = buildTraining(plan, msg.config);
  const dispose = (): void => {
    optimizer.dispose();
    model.dispose();
  };
  try {
    // Starting weights (imported ones) replace the fresh ones; a checkpoint to resume wins over them.
    if (msg.initialWeights && !msg.resume) loadWeightSet(model, msg.initialWeights);
    const train = new Batcher(sets.train, msg.config.batchSize);
    const epochs = minOf(msg.config.epochs, msg.limits.maxEpochs)!;
    return {
      model,
      plan,
      optimizer,
      variables,
      layers: layerHandles(model, plan, variables),
      backend,
      config: msg.config,
      options: msg.options ?? DEFAULT_START_OPTIONS,
      train,
      test: new Batcher(sets.test, msg.config.batchSize),
      evaluatedOn: sets.evaluatedOn,
      heldOutExamples: sets.test.count,
      epochs,
      resumeAt: resumeFrom(msg, model, optimizer, train.batchesPerEpoch),
      maxSteps: msg.limits.maxSteps,
      epochsCapped: epochs < msg.config.epochs,
      // A classifier of 2D points gets decision boundaries; a regression model of 2 inputs its surface.
      boundary: msg.options?.boundary ? boundaryExtent([sets.train, sets.test]) : null,
      fit: msg.options?.fit && plan.head.kind === 'regression' ? fitRange([sets.train, sets.test]) : null,
      dispose,
    };
  } catch (e) {
    dispose();
    throw e;
  }
}
