import { z } from 'zod';

/**
 * Requests about a run that has ended, answered by request id (the "views" of the
 * Evaluation tab). Part of the worker protocol (protocol.ts takes them into its unions);
 * they add message types and change none.
 */

/** How an evaluation treats batch norm: running averages, or each batch's own statistics. */
export const EVAL_MODES = ['predict', 'batch-stats'] as const;
export type EvalMode = (typeof EVAL_MODES)[number];

const requestId = z.string().min(1);
const runId = z.string().min(1);

/** Most examples one evaluation covers (Fashion-MNIST's whole test set). */
export const MAX_EVAL_EXAMPLES = 10_000;

/** The view requests to the trainer. */
export const viewRequestSchemas = [
  /** Evaluates the first `maxExamples` test examples in one mode: predictions, probabilities, confusion. */
  z.object({
    type: z.literal('evaluate'),
    requestId,
    runId,
    mode: z.enum(EVAL_MODES),
    maxExamples: z.number().int().min(1).max(MAX_EVAL_EXAMPLES),
  }),
  /** The output of one layer (height × width × channels) for one test example, in prediction mode. */
  z.object({
    type: z.literal('feature-maps'),
    requestId,
    runId,
    nodeId: z.string().min(1),
    example: z.number().int().min(0),
  }),
  /** Class probabilities of one input already preprocessed like the dataset (values of the input shape). */
  z.object({
    type: z.literal('predict-image'),
    requestId,
    runId,
    pixels: z.instanceof(Float32Array),
  }),
] as const;

/** A view request as sent (with its request id). */
export type ViewRequest = z.infer<(typeof viewRequestSchemas)[number]>;

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A view request before it is numbered (the trainer client adds the request id). */
export type ViewQuery = OmitEach<ViewRequest, 'requestId'>;

/** The answers, each with the request's id and the run it is about. */
export type ViewAnswer =
  | {
      type: 'evaluation';
      requestId: string;
      runId: string;
      mode: EvalMode;
      count: number;
      classes: number;
      /** True class and predicted class of each evaluated example (the first `count` of the test set). */
      labels: Uint16Array;
      predictions: Uint16Array;
      /** count × classes softmax probabilities. */
      probabilities: Float32Array;
      /** classes × classes counts, row = true class, column = predicted class. */
      confusion: Uint32Array;
      /** The examples' bytes when they are images (count × prod(shape)); null for rows of numbers. */
      images: { shape: number[]; pixels: Uint8Array } | null;
    }
  | {
      type: 'feature-maps';
      requestId: string;
      runId: string;
      nodeId: string;
      example: number;
      height: number;
      width: number;
      channels: number;
      /** height × width × channels, channels last. */
      values: Float32Array;
    }
  | { type: 'image-prediction'; requestId: string; runId: string; probabilities: Float32Array }
  | { type: 'view-failed'; requestId: string; runId: string; code: ViewFailureCode; message: string };

/** Why a view request was not answered: no ended run of that id, a run is training, or the request does not fit. */
export const VIEW_FAILURE_CODES = ['view/no-run', 'view/busy', 'view/bad-request', 'view/internal'] as const;
export type ViewFailureCode = (typeof VIEW_FAILURE_CODES)[number];

/** The message types of the answers. */
export const VIEW_ANSWER_TYPES: ReadonlySet<string> = new Set([
  'evaluation',
  'feature-maps',
  'image-prediction',
  'view-failed',
]);

/** True for an answer to a view request (routed by request id, not by run). */
export const isViewAnswer = (msg: { type: string }): msg is ViewAnswer => VIEW_ANSWER_TYPES.has(msg.type);

/** The buffers an answer can hand over without copying. */
export function viewAnswerBuffers(msg: ViewAnswer): ArrayBuffer[] {
  const arrays: ArrayBufferView[] =
    msg.type === 'evaluation'
      ? [
          msg.labels,
          msg.predictions,
          msg.probabilities,
          msg.confusion,
          ...(msg.images ? [msg.images.pixels] : []),
        ]
      : msg.type === 'feature-maps'
        ? [msg.values]
        : msg.type === 'image-prediction'
          ? [msg.probabilities]
          : [];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** Counts of a confusion matrix: row = true class, column = predicted class. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classes: number,
): Uint32Array {
  const m = new Uint32Array(classes * classes);
  const n = Math.min(labels.length, predictions.length);
  for (let i = 0; i < n; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    if (t < classes && p < classes) m[t * classes + p]!++;
  }
  return m;
}

/** Accuracy per true class (null for a class with no examples), from a confusion matrix. */
export function perClassAccuracy(confusion: ArrayLike<number>, classes: number): (number | null)[] {
  return Array.from({ length: classes }, (_, c) => {
    let row = 0;
    for (let p = 0; p < classes; p++) row += confusion[c * classes + p]!;
    return row === 0 ? null : confusion[c * classes + c]! / row;
  });
}

/**
 * The order to show examples in: misclassified ones first (in index order), then the
 * correct ones; at most `limit`.
 */
export function misclassifiedFirst(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  limit: number,
): number[] {
  const wrong: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === predictions[i] ? right : wrong).push(i);
  return [...wrong, ...right].slice(0, limit);
}

/** Indices whose predicted class differs between two evaluations of the same examples. */
export function changedPredictions(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}
