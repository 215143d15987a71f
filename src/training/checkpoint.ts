import { z } from 'zod';
import { OPTIMIZERS } from '../graph/document';

/** The `format` marker of a checkpoint manifest. */
export const CHECKPOINT_FORMAT = 'layerloom-checkpoint';

/** One float32 tensor inside a checkpoint's buffer. */
export const checkpointTensorSchema = z.object({
  /** A model weight by its tfjs name ('conv1/kernel', 'bn1/moving_mean'), or an optimizer slot ('conv1/kernel/m'). */
  name: z.string().min(1),
  role: z.enum(['weight', 'slot']),
  shape: z.array(z.number().int().min(0)),
  /** Offset into the buffer, in float32 elements. */
  offset: z.number().int().min(0),
});

/** What a checkpoint holds and where, as plain JSON next to its one ArrayBuffer. */
export const checkpointManifestSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  /** The epoch the checkpoint was taken in (1-based) and the steps done so far. */
  epoch: z.number().int().min(0),
  step: z.number().int().min(0),
  /** Batches of `epoch` done, and the epoch's batch count then (a full epoch when equal). */
  batchInEpoch: z.number().int().min(0),
  batchesPerEpoch: z.number().int().min(1),
  /** The optimizer whose slots the checkpoint holds, and its update count (Adam's bias correction). */
  optimizer: z.object({ kind: z.enum(OPTIMIZERS), updates: z.number().int().min(0) }),
  tensors: z.array(checkpointTensorSchema),
});
export type CheckpointManifest = z.infer<typeof checkpointManifestSchema>;
export type CheckpointTensor = z.infer<typeof checkpointTensorSchema>;

/** A checkpoint: the manifest and every tensor's float32 values in one (transferable) buffer. */
export const checkpointSchema = z.object({
  manifest: checkpointManifestSchema,
  buffer: z.instanceof(ArrayBuffer),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** A named tensor's values, for packing. */
export interface NamedValues {
  name: string;
  role: CheckpointTensor['role'];
  shape: number[];
  values: Float32Array;
}

/** Packs tensors into one buffer (copies: the buffer owns its bytes and can be transferred). */
export function packCheckpoint(
  head: Omit<CheckpointManifest, 'format' | 'version' | 'tensors'>,
  tensors: readonly NamedValues[],
): Checkpoint {
  const total = tensors.reduce((n, t) => n + t.values.length, 0);
  const data = new Float32Array(total);
  const entries: CheckpointTensor[] = [];
  let offset = 0;
  for (const t of tensors) {
    data.set(t.values, offset);
    entries.push({ name: t.name, role: t.role, shape: [...t.shape], offset });
    offset += t.values.length;
  }
  return {
    manifest: { format: CHECKPOINT_FORMAT, version: 1, ...head, tensors: entries },
    buffer: data.buffer,
  };
}

/**
 * The values of one tensor of a checkpoint (a view into its buffer), or an error
 * string when it is missing, has another shape, or runs past the buffer.
 */
export function checkpointValues(
  ckpt: Checkpoint,
  name: string,
  role: CheckpointTensor['role'],
  shape: readonly number[],
): Float32Array | string {
  const entry = ckpt.manifest.tensors.find((t) => t.name === name && t.role === role);
  if (!entry) return `it has no ${role} '${name}'`;
  if (entry.shape.join('x') !== shape.join('x'))
    return `its ${role} '${name}' has shape [${entry.shape.join(', ')}], the model needs [${shape.join(', ')}]`;
  const size = shape.reduce((a, b) => a * b, 1);
  if ((entry.offset + size) * 4 > ckpt.buffer.byteLength)
    return `its ${role} '${name}' runs past the end of the data`;
  return new Float32Array(ckpt.buffer, entry.offset * 4, size);
}
