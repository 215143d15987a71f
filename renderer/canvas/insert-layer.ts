import {
  addLayer,
  moveLayers,
  spliceIntoEdge,
  type CommandError,
  type CommandResult,
} from '../../src/graph/commands';
import type { Doc, Position } from '../../src/graph/document';
import { err, ok } from '../../src/util/result';
import type { Command } from '../state/document-store';
import { NODE_SIZE_GUESS } from './drag-kind';
import { newEdgeId, newLayerId } from './ids';

/** What an insert did, filled in when its command runs. */
export interface InsertOutcome {
  /** The new layer's id (or the spliced layer's). */
  id: string | null;
  /** Why the layer was not put into the wire (it was added on its own), or null. */
  refused: CommandError | null;
  /** The wire's ends, for the announcement. */
  source: string | null;
  target: string | null;
}

/** An empty outcome to pass to the commands below. */
export const noOutcome = (): InsertOutcome => ({ id: null, refused: null, source: null, target: null });

/** Layer `id` and every layer downstream of it. */
function downstream(doc: Pick<Doc, 'edges'>, id: string): Set<string> {
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const e of doc.edges) {
      if (e.source === at && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

/** Space kept between a layer put into a wire and the layer below it. */
const ROOM_GAP = 26;

/**
 * Moves the wire's target and everything downstream of it down just enough that layer
 * `id` (of height `height`) sits above the target with a gap; nothing moves when there is room.
 */
function makeRoom(doc: Doc, id: string, target: string, height: number): CommandResult {
  const layer = doc.layers.find((l) => l.id === id);
  const below = doc.layers.find((l) => l.id === target);
  if (!layer || !below) return ok(doc);
  const shift = layer.position.y + height + ROOM_GAP - below.position.y;
  if (shift <= 0) return ok(doc);
  const moving = downstream(doc, target);
  const moves = new Map<string, Position>();
  for (const l of doc.layers) {
    if (moving.has(l.id)) moves.set(l.id, { x: l.position.x, y: l.position.y + shift });
  }
  return moveLayers(doc, moves);
}

/**
 * Splits wire `edgeId` with existing layer `layerId` (which has no wires), then makes
 * room below it; refused as spliceIntoEdge says.
 */
export function spliceCommand(edgeId: string, layerId: string, out: InsertOutcome, height: number): Command {
  return (doc) => {
    const edge = doc.edges.find((e) => e.id === edgeId);
    out.id = layerId;
    if (!edge) return err({ code: 'unknown-layer', values: { id: edgeId } });
    [out.source, out.target] = [edge.source, edge.target];
    const ids = {
      in: newEdgeId(doc, edge.source, layerId, 0),
      out: newEdgeId(doc, layerId, edge.target, edge.targetPort),
    };
    const spliced = spliceIntoEdge(doc, edgeId, layerId, ids);
    return spliced.ok ? makeRoom(spliced.value, layerId, edge.target, height) : spliced;
  };
}

/**
 * Adds a layer of `kind` and splits wire `edgeId` with it, as one command: at `at` (a
 * drop) or else in the wire's target's place, the target and everything below it moving
 * down to make room. When the rules refuse the split (an Input or Output kind), the
 * layer is still added at the spot and `out.refused` says why.
 */
export function insertOnEdgeCommand(
  edgeId: string,
  kind: string,
  out: InsertOutcome,
  at?: Position,
): Command {
  return (doc) => {
    const edge = doc.edges.find((e) => e.id === edgeId);
    const targetLayer = edge && doc.layers.find((l) => l.id === edge.target);
    const position = at ?? targetLayer?.position ?? { x: 0, y: 0 };
    const id = newLayerId(doc, kind);
    const added = addLayer(doc, { id, kind, position });
    if (!added.ok) return added;
    const spliced = spliceCommand(edgeId, id, out, NODE_SIZE_GUESS.height)(added.value);
    if (spliced.ok) return spliced;
    out.refused = spliced.error;
    return added;
  };
}
