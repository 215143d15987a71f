import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelPlan } from '../compiler/plan';
import type { WeightSet } from '../compiler/tfjs-weights';
import { Batcher } from '../data/batches';
import { exampleSize, isImageSet, labelsOf, takeFirst, type LabelledSet } from '../data/dataset';
import type { ToTrainer } from '../training/protocol';
import {
  confusionMatrix,
  type EvalMode,
  type ViewAnswer,
  type ViewFailureCode,
  type ViewRequest,
} from '../training/views-protocol';
import { buildModel } from './build-model';
import { forward } from './forward';
import { batchTensors, classesOf } from './metrics';
import { checkPlan } from './plan-check';
import type { DataSource } from './prepare';
import { loadWeightSet } from './weight-set-io';

type Start = Extract<ToTrainer, { type: 'start' }>;

/** The ended run a view is about: how it was started and the weights it ended with. */
export interface ViewSource {
  runId: string;
  start: Start;
  weights: WeightSet;
}

/** A view request that cannot be answered, with its failure code. */
export class ViewFailure extends Error {
  constructor(
    readonly code: ViewFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** The model of an ended run rebuilt with its final weights, and its test set. */
interface Loaded {
  runId: string;
  model: tfl.LayersModel;
  plan: ModelPlan;
  test: LabelledSet;
  batchSize: number;
}

/**
 * Answers the Evaluation tab's requests about an ended run: the run's model is rebuilt
 * once from its plan and final weights (and kept until another run is asked about or
 * `dispose`), its test set read through the same data source as training. Evaluations
 * go through `forward` in 'predict' or 'batch-stats' mode, so nothing is updated.
 */
export class EvaluationViews {
  private loaded: Loaded | null = null;

  constructor(
    private readonly data: DataSource,
    private readonly yieldToHost: () => Promise<void>,
  ) {}

  /** Answers one request (or throws ViewFailure / a tfjs error, which the caller reports). */
  async answer(req: ViewRequest, source: ViewSource): Promise<ViewAnswer> {
    const run = await this.load(source);
    switch (req.type) {
      case 'evaluate':
        return this.evaluate(run, req.requestId, req.mode, req.maxExamples);
      case 'feature-maps':
        return this.featureMaps(run, req.requestId, req.nodeId, req.example);
      case 'predict-image':
        return this.predictImage(run, req.requestId, req.pixels);
    }
  }

  /** Frees the kept model. */
  dispose(): void {
    this.loaded?.model.dispose();
    this.loaded = null;
  }

  private async load(source: ViewSource): Promise<Loaded> {
    if (this.loaded?.runId === source.runId) return this.loaded;
    this.dispose();
    const checked = checkPlan(source.start.plan);
    if (!checked.ok)
      throw new ViewFailure('view/bad-request', `The run's plan is not valid: ${checked.error}`);
    const plan = checked.value;
    if (plan.head.kind !== 'classification')
      throw new ViewFailure(
        'view/bad-request',
        'The evaluation views (confusion matrix, per-class accuracy, examples) need a classification run; this run trained a regression output',
      );
    const { test } = await this.data.load(source.start.dataset);
    const model = buildModel(plan, source.start.config.seed);
    try {
      loadWeightSet(model, source.weights);
    } catch (e) {
      model.dispose();
      throw e;
    }
    this.loaded = { runId: source.runId, model, plan, test, batchSize: source.start.config.batchSize };
    return this.loaded;
  }

  /** Predictions over the first `max` test examples, in batches of the run's batch size. */
  private async evaluate(run: Loaded, requestId: string, mode: EvalMode, max: number): Promise<ViewAnswer> {
    const set = takeFirst(run.test, max);
    const classes = classesOf(run.plan);
    const batcher = new Batcher(set, run.batchSize);
    const probabilities = new Float32Array(set.count * classes);
    const predictions = new Uint16Array(set.count);
    let offset = 0;
    for (let b = 0; b < batcher.batchesPerEpoch; b++) {
      const batch = batcher.batch(b);
      const probs = tf.tidy(() => {
        const { x } = batchTensors(batch, run.plan.inputShape, classes);
        return tf.softmax(forward(run.model, run.plan, x, { mode }));
      });
      const values = (await probs.data()) as Float32Array;
      probs.dispose();
      probabilities.set(values, offset * classes);
      for (let r = 0; r < batch.size; r++) predictions[offset + r] = argMax(values, r * classes, classes);
      offset += batch.size;
      await this.yieldToHost();
    }
    const labels = Uint16Array.from(labelsOf(set) ?? []);
    const images = isImageSet(set)
      ? { shape: [...set.inputShape], pixels: set.pixels.slice(0, set.count * exampleSize(set)) }
      : null;
    const confusion = confusionMatrix(labels, predictions, classes);
    return {
      type: 'evaluation',
      requestId,
      runId: run.runId,
      mode,
      count: set.count,
      classes,
      labels,
      predictions,
      probabilities,
      confusion,
      images,
    };
  }

  /** One layer's output for one test example (prediction mode); only layers with a height × width × channels output. */
  private async featureMaps(
    run: Loaded,
    requestId: string,
    nodeId: string,
    example: number,
  ): Promise<ViewAnswer> {
    const node = run.plan.nodes.find((n) => n.id === nodeId);
    if (!node)
      throw new ViewFailure('view/bad-request', `The layer '${nodeId}' is not part of the trained model`);
    if (example >= run.test.count)
      throw new ViewFailure(
        'view/bad-request',
        `There is no test example ${example} (the set has ${run.test.count})`,
      );
    const batch = new Batcher(run.test, 1);
    const one = batch.batch(example);
    const out = tf.tidy(() => {
      const { x } = batchTensors(one, run.plan.inputShape, classesOf(run.plan));
      const captured: { t: tf.Tensor | null } = { t: null };
      const logits = forward(run.model, run.plan, x, {
        mode: 'predict',
        tap: (n, _i, output) => {
          if (n.id === nodeId) captured.t = output;
          return output;
        },
      });
      return captured.t ?? logits;
    });
    try {
      if (out.rank !== 4)
        throw new ViewFailure(
          'view/bad-request',
          `The layer '${node.name}' has no feature maps (its output is not height × width × channels)`,
        );
      const [, height, width, channels] = out.shape as [number, number, number, number];
      const values = (await out.data()) as Float32Array;
      return {
        type: 'feature-maps',
        requestId,
        runId: run.runId,
        nodeId,
        example,
        height,
        width,
        channels,
        values,
      };
    } finally {
      out.dispose();
    }
  }

  /** Class probabilities of one preprocessed input (prediction mode). */
  private async predictImage(run: Loaded, requestId: string, pixels: Float32Array): Promise<ViewAnswer> {
    const size = run.plan.inputShape.reduce((a, b) => a * b, 1);
    if (pixels.length !== size)
      throw new ViewFailure(
        'view/bad-request',
        `The image has ${pixels.length} values, the model takes ${run.plan.inputShape.join('×')} = ${size}`,
      );
    const probs = tf.tidy(() => {
      const x = tf.tensor(pixels, [1, ...run.plan.inputShape], 'float32');
      return tf.softmax(forward(run.model, run.plan, x, { mode: 'predict' }));
    });
    const probabilities = (await probs.data()) as Float32Array;
    probs.dispose();
    return { type: 'image-prediction', requestId, runId: run.runId, probabilities };
  }
}

/** Index of the largest of `n` values from `from`. */
function argMax(a: Float32Array, from: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (a[from + k]! > a[from + best]!) best = k;
  return best;
}
