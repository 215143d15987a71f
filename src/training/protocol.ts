import { z } from 'zod';
import type { WeightSet } from '../compiler/tfjs-weights';
import { BACKEND_CHOICES, datasetRefSchema, trainingConfigSchema } from '../graph/document';
import type { BackendPick } from './backend-pick';
import { checkpointSchema, type Checkpoint } from './checkpoint';
import { snapshotBuffers, type LayerStatsSnapshot } from './layer-stats';
import { isViewAnswer, viewAnswerBuffers, viewRequestSchemas, type ViewAnswer } from './views-protocol';

export type { Checkpoint, CheckpointManifest } from './checkpoint';
export type { BatchNormStats, LayerStats, LayerStatsSnapshot } from './layer-stats';
export type { ValueSummary } from './stats';
export type { EvalMode, ViewAnswer, ViewFailureCode, ViewQuery, ViewRequest } from './views-protocol';

/** Bumped whenever a message changes shape. */
export const PROTOCOL_VERSION = 1;

/** Caps on a run so tests and lessons stay small; null = no cap. */
export const runLimitsSchema = z.object({
  maxExamples: z.number().int().positive().nullable().default(null),
  maxEpochs: z.number().int().positive().nullable().default(null),
  maxSteps: z.number().int().positive().nullable().default(null),
  maxTestExamples: z.number().int().positive().nullable().default(null),
});
export type RunLimits = z.infer<typeof runLimitsSchema>;

/** Backends a run may ask for; 'auto' lets the trainer time them and pick the fastest (backend-pick.ts). */
export const backendChoiceSchema = z.enum(BACKEND_CHOICES);
export type BackendChoice = z.infer<typeof backendChoiceSchema>;

const runId = z.string().min(1);

/**
 * Per-layer statistics of a run. Snapshots come every `everySteps` steps when given;
 * otherwise about 4 a second (at least 250 ms apart, further apart when the trainer
 * measures that snapshots would add more than about 10 % to the training time); and
 * always on the last step of an epoch and on a single step while paused.
 */
export const statsOptionsSchema = z.object({
  enabled: z.boolean().default(true),
  everySteps: z.number().int().positive().optional(),
  /** Most output values summarized per layer and snapshot (taken as whole examples, at least one). */
  sampleValues: z
    .number()
    .int()
    .min(1)
    .max(1 << 24)
    .default(32_768),
});
export type StatsOptions = z.infer<typeof statsOptionsSchema>;

/** Optional settings of a run (absent: statistics on, checkpoints carry their data). */
export const startOptionsSchema = z.object({
  stats: statsOptionsSchema.default({ enabled: true, sampleValues: 32_768 }),
  /** Whether 'checkpoint' messages carry the weights and optimizer state. */
  checkpointData: z.boolean().default(true),
  /**
   * For a model of 2D points: send 'boundary' messages (the predicted class probabilities
   * on a resolution×resolution grid over the data), or for a regression model of two inputs
   * 'surface' messages (its prediction on that grid), at most every `intervalMs`, and after
   * each epoch. Absent: none.
   */
  boundary: z
    .object({
      resolution: z.number().int().min(4).max(256).default(64),
      intervalMs: z.number().int().min(50).max(60_000).default(250),
    })
    .optional(),
  /**
   * For a regression model of one input: send 'fit' messages (the model's prediction at
   * `points` evenly spaced inputs across the data) at most every `intervalMs`, and after
   * each epoch. Absent: none.
   */
  fit: z
    .object({
      points: z.number().int().min(8).max(1024).default(128),
      intervalMs: z.number().int().min(50).max(60_000).default(250),
    })
    .optional(),
});
export type StartOptions = z.infer<typeof startOptionsSchema>;

/** The options a run uses when 'start' has none. */
export const DEFAULT_START_OPTIONS: StartOptions = startOptionsSchema.parse({});

/** Named float32 weights and their values in one (transferable) buffer, in spec order. */
export const weightSetSchema = z.object({
  specs: z.array(
    z.object({
      name: z.string().min(1),
      shape: z.array(z.number().int().min(0)),
      dtype: z.literal('float32'),
    }),
  ),
  data: z.instanceof(ArrayBuffer),
}) satisfies z.ZodType<WeightSet>;

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array');
const floats = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');

/**
 * One part of a dataset sent with 'start' (imported sets live in the page, not the worker):
 * image bytes (scaled to [0, 1] per batch) or float rows, with class labels. The runtime
 * checks that the lengths fit count and shape.
 */
export const labelledPartSchema = z.object({
  count: z.number().int().min(0),
  inputShape: z.array(z.number().int().positive()).min(1).max(4),
  classes: z.number().int().min(1).max(256),
  labels: bytes,
  pixels: bytes.optional(),
  features: floats.optional(),
});
export type LabelledPart = z.infer<typeof labelledPartSchema>;

/** A part of a regression set sent with 'start': float rows and one target value per row. */
export const regressionPartSchema = z.object({
  task: z.literal('regression'),
  count: z.number().int().min(0),
  inputShape: z.array(z.number().int().positive()).min(1).max(4),
  features: floats,
  targets: floats,
});
export type RegressionPart = z.infer<typeof regressionPartSchema>;

/** Either kind of part ('task' marks a regression part; a classification part has class labels). */
export const dataPartSchema = z.union([regressionPartSchema, labelledPartSchema]);
export type DataPart = z.infer<typeof dataPartSchema>;

/** Messages to the trainer. The plan is checked structurally by the runtime when it builds it. */
export const toTrainerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    runId,
    plan: z.looseObject({ planVersion: z.literal(1) }),
    config: trainingConfigSchema,
    dataset: datasetRefSchema,
    limits: runLimitsSchema,
    backend: backendChoiceSchema.default('auto'),
    options: startOptionsSchema.optional(),
    /** Continue from a checkpoint (from an earlier run's 'checkpoint' message) instead of fresh weights. */
    resume: checkpointSchema.optional(),
    /**
     * Start from these weights (say, imported with a model.json) instead of fresh ones; every
     * model weight must be among them with its shape. Ignored when `resume` is given.
     */
    initialWeights: weightSetSchema.optional(),
    /**
     * The examples themselves, for a dataset the trainer cannot load on its own (an import):
     * training and test parts, and a validation part used when the config asks for a split.
     */
    data: z
      .object({
        train: dataPartSchema,
        test: dataPartSchema,
        validation: dataPartSchema.optional(),
      })
      .optional(),
  }),
  z.object({ type: z.literal('pause'), runId }),
  z.object({ type: z.literal('resume'), runId }),
  z.object({ type: z.literal('step'), runId }),
  z.object({ type: z.literal('stop'), runId }),
  z.object({ type: z.literal('set-lr'), runId, lr: z.number().positive() }),
  /** Asks for the current run's weights (or the last run's, once it has ended): answered by 'weights'. */
  z.object({ type: z.literal('get-weights'), requestId: z.string().min(1) }),
  /** Views of the last ended run ('evaluate', 'feature-maps', 'predict-image'): see views-protocol.ts. */
  ...viewRequestSchemas,
]);
export type ToTrainer = z.infer<typeof toTrainerSchema>;

/**
 * The figure a run reports beside its loss: 'accuracy' (a share of correct predictions)
 * for a classification head, 'mae' (mean absolute error) for a regression head.
 */
export type RunMetric = 'accuracy' | 'mae';

/**
 * Loss and metric of one evaluation. `accuracy` holds the run's metric (see the
 * 'started' message): the accuracy, or the mean absolute error of a regression run.
 */
export interface EvalResult {
  loss: number;
  accuracy: number;
  /** Coefficient of determination of a regression run's held-out evaluation (absent otherwise). */
  r2?: number;
}

/** Why a run ended. */
export type FinishReason = 'completed' | 'stopped' | 'limit';

/**
 * Stable codes of a 'failed' message's diagnostic (its message is English text for logs
 * and as a fallback; a UI keys its own wording on the code).
 */
export const TRAIN_FAILURE_CODES = [
  'train/bad-message',
  'train/plan',
  'train/backend',
  'train/data',
  'train/non-finite',
  'train/checkpoint',
  'train/internal',
  'train/worker-crashed',
  'train/out-of-memory',
] as const;
export type TrainFailureCode = (typeof TRAIN_FAILURE_CODES)[number];

/**
 * The diagnostic of a 'failed' message: a stable code, the English text, and (from senders
 * that have one) the 'trainFailure' catalog key and values the text was made from, so a UI
 * renders it in its own language; an unknown or missing key falls back to `message`.
 */
export interface FailedDiagnostic {
  code: string;
  message: string;
  nodeId?: string;
  key?: string;
  values?: Readonly<Record<string, string | number>>;
}

/** Stable codes of 'finding' messages: training-health observations about one layer. */
export const FINDING_CODES = [
  'health/vanishing-gradient',
  'health/exploding-gradient',
  'health/dead-relu',
  'health/saturated',
  'health/bn-drift',
  'health/non-finite',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** The rectangle of the input plane a 'boundary' message covers. */
export interface BoundaryExtent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Which examples an epoch's held-out evaluation used. */
export type EvaluatedOn = 'test-set' | 'validation-split';

/** Messages from the trainer; every run message carries its runId. */
export type FromTrainer =
  | { type: 'ready'; protocolVersion: number }
  | {
      type: 'started';
      runId: string;
      backend: string;
      reason: string;
      /** How 'auto' picked the backend: the probe's figures (absent when not probed). */
      pick?: BackendPick;
      batchesPerEpoch: number;
      epochs: number;
      /** What the `accuracies` / `accuracy` figures of this run are (absent from older senders: 'accuracy'). */
      metric?: RunMetric;
      /** Where a resumed run picks up (absent for a fresh run). */
      resumed?: { epoch: number; step: number };
    }
  | {
      type: 'batches';
      runId: string;
      epoch: number;
      /** Global step numbers (1-based) of the batches in this message. */
      steps: Uint32Array;
      losses: Float32Array;
      /** Each step's metric: accuracy, or mean absolute error for a regression run (started.metric). */
      accuracies: Float32Array;
      /** Batch index within the epoch of the last step here (1-based). */
      batchInEpoch: number;
      examplesPerSec: number;
    }
  | {
      type: 'epoch';
      runId: string;
      epoch: number;
      train: EvalResult;
      /** The held-out evaluation: on the test set, or on the validation split (see evaluatedOn). */
      test: { predictionMode: EvalResult; trainingMode: EvalResult | null };
      /** Which examples `test` is about (this trainer always says; optional for older senders). */
      evaluatedOn?: EvaluatedOn;
      /** Examples in that evaluation. */
      heldOutExamples?: number;
    }
  | ({ type: 'layer-stats'; runId: string } & LayerStatsSnapshot)
  | {
      type: 'finding';
      runId: string;
      nodeId: string;
      code: FindingCode;
      /** English text naming the layer and what to try (from the 'finding' catalog). */
      message: string;
      /** The values of the catalog message, so a UI in another language can render it. */
      values?: Readonly<Record<string, string | number>>;
      step: number;
      /** The epoch of that step (absent from older senders). */
      epoch?: number;
    }
  | { type: 'paused'; runId: string; paused: boolean }
  | {
      type: 'checkpoint';
      runId: string;
      epoch: number;
      step: number;
      /** 'epoch-end' after each epoch; 'last-good' when a diverging run kept its weights from before the failing step. */
      kind: 'epoch-end' | 'last-good';
      /** Weights and optimizer state (absent when the run was started with checkpointData: false). */
      data?: Checkpoint;
    }
  | {
      /** The model's predictions over the 2D input plane (start option 'boundary'). */
      type: 'boundary';
      runId: string;
      step: number;
      epoch: number;
      resolution: number;
      classes: number;
      /** The plane shown: x from xMin to xMax (columns), y from yMin to yMax (rows, row 0 at yMin). */
      extent: BoundaryExtent;
      /** resolution × resolution × classes softmax probabilities, row-major, cell centres. */
      probabilities: Float32Array;
    }
  | {
      /** A two-input regression model's prediction over the 2D input plane (start option 'boundary'). */
      type: 'surface';
      runId: string;
      step: number;
      epoch: number;
      resolution: number;
      /** The plane shown, as for 'boundary' (row 0 at yMin). */
      extent: BoundaryExtent;
      /** resolution × resolution predictions (the model's first output), row-major, cell centres. */
      predictions: Float32Array;
    }
  | {
      /** A one-input regression model's prediction curve over the data's inputs (start option 'fit'). */
      type: 'fit';
      runId: string;
      step: number;
      epoch: number;
      /** The inputs run evenly from xMin to xMax (both included). */
      xMin: number;
      xMax: number;
      /** The prediction at each of the points, in order. */
      predictions: Float32Array;
    }
  | { type: 'finished'; runId: string; reason: FinishReason }
  | {
      /** The answer to 'get-weights': the weights of `runId`, or null when no run has built a model yet. */
      type: 'weights';
      requestId: string;
      runId: string | null;
      weights: WeightSet | null;
    }
  | { type: 'failed'; runId: string; diagnostic: FailedDiagnostic }
  /** Answers to view requests, by request id (views-protocol.ts). */
  | ViewAnswer;

/** Validates a message arriving at the trainer; a bad one is reported, never thrown. */
export function parseToTrainer(msg: unknown): { ok: true; msg: ToTrainer } | { ok: false; error: string } {
  const r = toTrainerSchema.safeParse(msg);
  if (r.success) return { ok: true, msg: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, error: `${issue.path.join('.') || 'message'}: ${issue.message}` };
}

const fromTypes = new Set([
  'ready',
  'started',
  'batches',
  'epoch',
  'layer-stats',
  'finding',
  'paused',
  'checkpoint',
  'finished',
  'failed',
  'weights',
  'boundary',
  'surface',
  'fit',
  'evaluation',
  'feature-maps',
  'image-prediction',
  'view-failed',
]);

/** Checks the envelope of a message from the trainer (the trainer is our own code; the tag is what can go wrong). */
export function isFromTrainer(msg: unknown): msg is FromTrainer {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as { type?: unknown; runId?: unknown };
  if (typeof m.type !== 'string' || !fromTypes.has(m.type)) return false;
  if (m.type === 'weights') return typeof (msg as { requestId?: unknown }).requestId === 'string';
  if (isViewAnswer({ type: m.type }) && typeof (msg as { requestId?: unknown }).requestId !== 'string')
    return false;
  return m.type === 'ready' || typeof m.runId === 'string';
}

/** Transferable buffers of a message, so the worker can hand them over without copying. */
export function transferablesOf(msg: FromTrainer): ArrayBuffer[] {
  switch (msg.type) {
    case 'batches':
      return [...new Set([msg.steps.buffer, msg.losses.buffer, msg.accuracies.buffer] as ArrayBuffer[])];
    case 'layer-stats':
      return snapshotBuffers(msg);
    case 'checkpoint':
      return msg.data ? [msg.data.buffer] : [];
    case 'weights':
      return msg.weights ? [msg.weights.data] : [];
    case 'boundary':
      return [msg.probabilities.buffer as ArrayBuffer];
    case 'fit':
    case 'surface':
      return [msg.predictions.buffer as ArrayBuffer];
    case 'evaluation':
    case 'feature-maps':
    case 'image-prediction':
    case 'view-failed':
      return viewAnswerBuffers(msg);
    default:
      return [];
  }
}
