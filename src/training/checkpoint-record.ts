import { z } from 'zod';
import {
  datasetRefSchema,
  trainingConfigSchema,
  type DatasetRef,
  type TrainingConfig,
} from '../graph/document';
import { err, ok, type Result } from '../util/result';
import { checkpointManifestSchema, type Checkpoint } from './checkpoint';

/** The first 8 bytes of a stored run checkpoint (ASCII). */
export const RUN_CHECKPOINT_MAGIC = 'LLRUNCK1';

/** JSON turns NaN and infinities into null; they come back as NaN. */
const metric = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);
const evalSchema = z.object({ loss: metric, accuracy: metric });

/** One finished epoch's figures, kept so a resumed run's charts start with its earlier epochs. */
export const storedEpochSchema = z.object({
  epoch: z.number().int().min(1),
  /** Global step at the end of the epoch. */
  step: z.number().int().min(0),
  train: evalSchema,
  test: evalSchema,
  testTrainingMode: evalSchema.nullable(),
});
export type StoredEpoch = z.infer<typeof storedEpochSchema>;

/** The JSON head of a stored run checkpoint: what the run was and where it got to. */
const headerSchema = z.object({
  format: z.literal('layerloom-run-checkpoint'),
  version: z.literal(1),
  /** The project it belongs to (a file path, or a name for an unsaved project). */
  project: z.string().min(1),
  runId: z.string().min(1),
  /** Epochs finished, and epochs the run planned. */
  epoch: z.number().int().min(1),
  epochs: z.number().int().min(1),
  config: trainingConfigSchema,
  dataset: datasetRefSchema,
  /** planHash() of the plan the run trained (src/compiler/plan-hash.ts). */
  planHash: z.string().min(1),
  metrics: z.array(storedEpochSchema).max(1000),
  manifest: checkpointManifestSchema,
});

/** The latest checkpoint of a project's run, with what is needed to resume it and to tell whether it still fits. */
export interface RunCheckpoint {
  project: string;
  runId: string;
  epoch: number;
  epochs: number;
  config: TrainingConfig;
  dataset: DatasetRef;
  planHash: string;
  metrics: StoredEpoch[];
  checkpoint: Checkpoint;
}

const HEAD_BYTES = 16;

/**
 * Encodes a run checkpoint as bytes: the magic, the header's length (UTF-16 code units)
 * and the data's length (bytes) as little-endian u32, the JSON header as UTF-16LE, zero
 * padding to a multiple of 4, then the checkpoint's float32 buffer as it is.
 */
export function encodeRunCheckpoint(rec: RunCheckpoint): Uint8Array<ArrayBuffer> {
  const { checkpoint, ...rest } = rec;
  const header = JSON.stringify({
    format: 'layerloom-run-checkpoint',
    version: 1,
    ...rest,
    manifest: checkpoint.manifest,
  });
  const dataStart = align4(HEAD_BYTES + 2 * header.length);
  const bytes = new Uint8Array(dataStart + checkpoint.buffer.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < RUN_CHECKPOINT_MAGIC.length; i++) bytes[i] = RUN_CHECKPOINT_MAGIC.charCodeAt(i);
  view.setUint32(8, header.length, true);
  view.setUint32(12, checkpoint.buffer.byteLength, true);
  for (let i = 0; i < header.length; i++) view.setUint16(HEAD_BYTES + 2 * i, header.charCodeAt(i), true);
  bytes.set(new Uint8Array(checkpoint.buffer), dataStart);
  return bytes;
}

/** True when the bytes start with the run checkpoint magic. */
export function hasRunCheckpointMagic(bytes: Uint8Array): boolean {
  if (bytes.length < HEAD_BYTES) return false;
  for (let i = 0; i < RUN_CHECKPOINT_MAGIC.length; i++) {
    if (bytes[i] !== RUN_CHECKPOINT_MAGIC.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Decodes bytes written by encodeRunCheckpoint. A damaged or foreign file is an error
 * saying what is wrong and where (a JSON path into the header), never a throw.
 */
export function decodeRunCheckpoint(bytes: Uint8Array): Result<RunCheckpoint, string> {
  if (!hasRunCheckpointMagic(bytes)) return err('not a Layerloom run checkpoint (wrong signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chars = view.getUint32(8, true);
  const dataBytes = view.getUint32(12, true);
  const dataStart = align4(HEAD_BYTES + 2 * chars);
  if (dataStart + dataBytes !== bytes.length || dataBytes % 4 !== 0) {
    return err(`the lengths in its first 16 bytes do not match its size (${bytes.length} bytes)`);
  }
  const units: string[] = [];
  for (let i = 0; i < chars; i++) units.push(String.fromCharCode(view.getUint16(HEAD_BYTES + 2 * i, true)));
  let json: unknown;
  try {
    json = JSON.parse(units.join(''));
  } catch {
    return err('its header is not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err(`its header is invalid at ${['$', ...issue.path.map(String)].join('.')}: ${issue.message}`);
  }
  const { format: _f, version: _v, manifest, ...rest } = parsed.data;
  const floats = dataBytes / 4;
  const overrun = manifest.tensors.find((t) => t.offset + t.shape.reduce((a, b) => a * b, 1) > floats);
  if (overrun) return err(`its tensor '${overrun.name}' runs past the end of the data`);
  // A copy: the checkpoint owns an aligned buffer it can transfer to the worker.
  const start = bytes.byteOffset + dataStart;
  const buffer = bytes.buffer.slice(start, start + dataBytes) as ArrayBuffer;
  return ok({ ...rest, checkpoint: { manifest, buffer } });
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** What the project looks like now, to compare a stored checkpoint with. */
export interface CurrentProject {
  /** planHash() of the document's plan, or null when it does not compile. */
  planHash: string | null;
  dataset: DatasetRef;
  config: TrainingConfig;
}

/**
 * Whether a stored checkpoint can be resumed:
 * - `finished`: the run reached its last epoch (nothing to resume);
 * - `stale`: the graph (its plan's structure and shapes) or the dataset changed since, so
 *   the weights no longer mean what they did;
 * - `resumable`: it fits. `configChanged` says the training settings differ from the
 *   run's; a resume continues the run with its own settings (5 + 5 epochs equal 10 only then).
 */
export type CheckpointStatus =
  | { kind: 'finished' }
  | { kind: 'stale'; why: 'graph' | 'dataset' }
  | { kind: 'resumable'; configChanged: boolean };

/** Compares a stored checkpoint with the project as it is now (pure). */
export function checkpointStatus(rec: RunCheckpoint, now: CurrentProject): CheckpointStatus {
  if (rec.epoch >= rec.epochs) return { kind: 'finished' };
  if (now.planHash !== rec.planHash) return { kind: 'stale', why: 'graph' };
  if (!sameValue(now.dataset, rec.dataset)) return { kind: 'stale', why: 'dataset' };
  return { kind: 'resumable', configChanged: !sameValue(now.config, rec.config) };
}

/** Deep equality of plain JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
