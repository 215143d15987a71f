import { specOf } from '../layers/registry';
import type { MessageValues } from '../util/format';
import { err, ok, type Result } from '../util/result';
import type { Doc } from './document';
import { layersById, reaches } from './queries';

/** Why a wire may not be made; `connect.<reason>` in the message catalog. */
export type ConnectReason =
  | 'unknown-layer'
  | 'self-loop'
  | 'source-has-no-output'
  | 'target-has-no-input'
  | 'port-out-of-range'
  | 'port-taken'
  | 'duplicate'
  | 'cycle';

/** A refused connection with the values for its message. */
export interface ConnectRejection {
  reason: ConnectReason;
  values: MessageValues;
}

/**
 * The one rule set for wires: used while dragging, when pasting and when loading a file.
 * Shape compatibility is not checked here; analysis reports it on the node instead.
 */
export function checkConnection(
  doc: Pick<Doc, 'layers' | 'edges'>,
  source: string,
  target: string,
  targetPort: number,
  ignoreEdgeId?: string,
): Result<void, ConnectRejection> {
  const layers = layersById(doc);
  const src = layers.get(source);
  const tgt = layers.get(target);
  if (!src || !tgt) return err({ reason: 'unknown-layer', values: { id: src ? target : source } });
  const edges = doc.edges.filter((e) => e.id !== ignoreEdgeId);
  const names = { source: src.name, target: tgt.name };
  if (source === target) return err({ reason: 'self-loop', values: names });
  const srcSpec = specOf(src.kind);
  const tgtSpec = specOf(tgt.kind);
  if (srcSpec && !srcSpec.hasOutput) return err({ reason: 'source-has-no-output', values: names });
  if (tgtSpec && tgtSpec.inputs.max === 0) return err({ reason: 'target-has-no-input', values: names });
  if (tgtSpec && targetPort >= tgtSpec.inputs.max) {
    return err({ reason: 'port-out-of-range', values: { ...names, port: targetPort } });
  }
  if (edges.some((e) => e.source === source && e.target === target)) {
    return err({ reason: 'duplicate', values: names });
  }
  if (edges.some((e) => e.target === target && e.targetPort === targetPort)) {
    return err({ reason: 'port-taken', values: { ...names, port: targetPort } });
  }
  if (reaches({ edges }, target, source)) return err({ reason: 'cycle', values: names });
  return ok(undefined);
}
