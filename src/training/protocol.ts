import { z } from 'zod';
import { datasetRefSchema, trainingConfigSchema } from '../graph/document';

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

/** Backends a run may ask for; 'auto' lets the trainer pick (wasm, falling back to cpu). */
export const backendChoiceSchema = z.enum(['auto', 'wasm', 'cpu']);
export type BackendChoice = z.infer<typeof backendChoiceSchema>;

const runId = z.string().min(1);

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
  }),
  z.object({ type: z.literal('pause'), runId }),
  z.object({ type: z.literal('resume'), runId }),
  z.object({ type: z.literal('step'), runId }),
  z.object({ type: z.literal('stop'), runId }),
  z.object({ type: z.literal('set-lr'), runId, lr: z.number().positive() }),
]);
export type ToTrainer = z.infer<typeof toTrainerSchema>;

/** Loss and accuracy of one evaluation. */
export interface EvalResult {
  loss: number;
  accuracy: number;
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
  'train/internal',
  'train/worker-crashed',
] as const;
export type TrainFailureCode = (typeof TRAIN_FAILURE_CODES)[number];

/** Messages from the trainer; every run message carries its runId. */
export type FromTrainer =
  | { type: 'ready'; protocolVersion: number }
  | { type: 'started'; runId: string; backend: string; reason: string; batchesPerEpoch: number; epochs: number }
  | {
      type: 'batches';
      runId: string;
      epoch: number;
      /** Global step numbers (1-based) of the batches in this message. */
      steps: Uint32Array;
      losses: Float32Array;
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
      test: { predictionMode: EvalResult; trainingMode: EvalResult | null };
    }
  | { type: 'paused'; runId: string; paused: boolean }
  | { type: 'checkpoint'; runId: string; epoch: number }
  | { type: 'finished'; runId: string; reason: FinishReason }
  | { type: 'failed'; runId: string; diagnostic: { code: string; message: string; nodeId?: string } };

/** Validates a message arriving at the trainer; a bad one is reported, never thrown. */
export function parseToTrainer(msg: unknown): { ok: true; msg: ToTrainer } | { ok: false; error: string } {
  const r = toTrainerSchema.safeParse(msg);
  if (r.success) return { ok: true, msg: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, error: `${issue.path.join('.') || 'message'}: ${issue.message}` };
}

const fromTypes = new Set(['ready', 'started', 'batches', 'epoch', 'paused', 'checkpoint', 'finished', 'failed']);

/** Checks the envelope of a message from the trainer (the trainer is our own code; the tag is what can go wrong). */
export function isFromTrainer(msg: unknown): msg is FromTrainer {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as { type?: unknown; runId?: unknown };
  if (typeof m.type !== 'string' || !fromTypes.has(m.type)) return false;
  return m.type === 'ready' || typeof m.runId === 'string';
}

/** Transferable buffers of a message, so the worker can hand them over without copying. */
export function transferablesOf(msg: FromTrainer): ArrayBuffer[] {
  if (msg.type !== 'batches') return [];
  return [msg.steps.buffer, msg.losses.buffer, msg.accuracies.buffer] as ArrayBuffer[];
}
