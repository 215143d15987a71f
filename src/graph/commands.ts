import { defaultParams, specOf } from '../layers/registry';
import type { ParamValue } from '../layers/spec';
import type { MessageValues } from '../util/format';
import { err, ok, type Result } from '../util/result';
import { checkConnection, type ConnectReason } from './connect-rules';
import type { DatasetRef, Doc, EdgeRecord, LayerRecord, Position, TrainingConfig } from './document';

/** Why a command was refused; the document is then unchanged. */
export interface CommandError {
  code:
    | ConnectReason
    | 'unknown-kind'
    | 'duplicate-id'
    | 'unknown-layer'
    | 'unknown-param'
    | 'bad-value'
    | 'block-too-small'
    | 'already-in-block'
    | 'unknown-block';
  values: MessageValues;
}

/** A command's outcome: the new document, or why it was refused. */
export type CommandResult = Result<Doc, CommandError>;

/** Default display name of a new layer: the kind and a number not yet used. */
export function nextLayerName(doc: Doc, kind: string): string {
  const used = new Set(doc.layers.map((l) => l.name));
  for (let i = 1; ; i++) if (!used.has(`${kind}${i}`)) return `${kind}${i}`;
}

/** Adds a layer of a kind with its default parameters. */
export function addLayer(
  doc: Doc,
  a: { id: string; kind: string; position: Position; name?: string; params?: Record<string, ParamValue> },
): CommandResult {
  const spec = specOf(a.kind);
  if (!spec) return err({ code: 'unknown-kind', values: { kind: a.kind } });
  if (doc.layers.some((l) => l.id === a.id)) return err({ code: 'duplicate-id', values: { id: a.id } });
  const layer: LayerRecord = {
    id: a.id,
    kind: a.kind,
    name: a.name ?? nextLayerName(doc, a.kind),
    params: { ...defaultParams(spec), ...a.params },
    position: a.position,
    block: null,
  };
  return ok({ ...doc, layers: [...doc.layers, layer] });
}

/** Removes layers and every edge touching them. */
export function removeLayers(doc: Doc, ids: readonly string[]): CommandResult {
  const gone = new Set(ids);
  return ok({
    ...doc,
    layers: doc.layers.filter((l) => !gone.has(l.id)),
    edges: doc.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  });
}

/** Connects a layer's output to a target port, checked by the connect rules. */
export function connectPorts(doc: Doc, edge: EdgeRecord): CommandResult {
  if (doc.edges.some((e) => e.id === edge.id)) return err({ code: 'duplicate-id', values: { id: edge.id } });
  const check = checkConnection(doc, edge.source, edge.target, edge.targetPort);
  if (!check.ok) return err({ code: check.error.reason, values: check.error.values });
  return ok({ ...doc, edges: [...doc.edges, edge] });
}

/** Removes edges by id. */
export const removeEdges = (doc: Doc, ids: readonly string[]): CommandResult => {
  const gone = new Set(ids);
  return ok({ ...doc, edges: doc.edges.filter((e) => !gone.has(e.id)) });
};

/** Moves layers to new positions. */
export function moveLayers(doc: Doc, moves: ReadonlyMap<string, Position>): CommandResult {
  return ok({
    ...doc,
    layers: doc.layers.map((l) => {
      const p = moves.get(l.id);
      return p ? { ...l, position: p } : l;
    }),
  });
}

/** Updates one layer through a function, refusing unknown ids. */
function updateLayer(doc: Doc, id: string, f: (l: LayerRecord) => LayerRecord): CommandResult {
  if (!doc.layers.some((l) => l.id === id)) return err({ code: 'unknown-layer', values: { id } });
  return ok({ ...doc, layers: doc.layers.map((l) => (l.id === id ? f(l) : l)) });
}

/** Sets one parameter; the value must have the declared type (bounds and text patterns are checked by analysis). */
export function setLayerParam(doc: Doc, id: string, name: string, value: ParamValue): CommandResult {
  const layer = doc.layers.find((l) => l.id === id);
  const ps = layer && specOf(layer.kind)?.params[name];
  if (!layer) return err({ code: 'unknown-layer', values: { id } });
  if (!ps) return err({ code: 'unknown-param', values: { name } });
  const fits =
    ps.type === 'bool'
      ? typeof value === 'boolean'
      : ps.type === 'enum'
        ? typeof value === 'string' && ps.options.includes(value)
        : ps.type === 'text'
          ? typeof value === 'string' && value.length <= ps.maxLength
          : typeof value === 'number' &&
            Number.isFinite(value) &&
            (ps.type === 'float' || Number.isInteger(value));
  if (!fits) return err({ code: 'bad-value', values: { name, value: String(value) } });
  return updateLayer(doc, id, (l) => ({ ...l, params: { ...l.params, [name]: value } }));
}

/** Renames a layer. */
export const renameLayer = (doc: Doc, id: string, name: string): CommandResult =>
  updateLayer(doc, id, (l) => ({ ...l, name }));

/** Changes training settings. */
export const setTraining = (doc: Doc, patch: Partial<TrainingConfig>): CommandResult =>
  ok({ ...doc, training: { ...doc.training, ...patch } });

/** Binds the document to a dataset. */
export const setDataset = (doc: Doc, dataset: DatasetRef): CommandResult => ok({ ...doc, dataset });

/** Removes every wire into or out of a layer ("Disconnect all"). */
export function disconnectLayer(doc: Doc, id: string): CommandResult {
  if (!doc.layers.some((l) => l.id === id)) return err({ code: 'unknown-layer', values: { id } });
  return removeEdges(
    doc,
    doc.edges.filter((e) => e.source === id || e.target === id).map((e) => e.id),
  );
}

/**
 * Splits a wire A→B (into port p) with an existing layer M that has no wires yet:
 * A→M (port 0) and M→B (port p), as one change. `edgeIds` names the two new wires.
 * Refused, with the connect rules' reason, when M cannot sit there (an Input or an
 * Output layer, or a loop).
 */
export function spliceIntoEdge(
  doc: Doc,
  edgeId: string,
  layerId: string,
  edgeIds: { in: string; out: string },
): CommandResult {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge) return err({ code: 'unknown-layer', values: { id: edgeId } });
  const base = removeEdges(doc, [edgeId]);
  if (!base.ok) return base;
  const first = connectPorts(base.value, {
    id: edgeIds.in,
    source: edge.source,
    target: layerId,
    targetPort: 0,
  });
  if (!first.ok) return first;
  return connectPorts(first.value, {
    id: edgeIds.out,
    source: layerId,
    target: edge.target,
    targetPort: edge.targetPort,
  });
}
