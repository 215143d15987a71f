import type { EdgeChange, NodeChange } from '@xyflow/react';
import {
  connectPorts,
  moveLayers,
  removeEdges,
  removeLayers,
  type CommandResult,
} from '../../src/graph/commands';
import { checkConnection } from '../../src/graph/connect-rules';
import type { Doc, Position } from '../../src/graph/document';
import { err, ok } from '../../src/util/result';
import type { Command } from '../state/document-store';
import type { NodeSize, Selection } from '../state/session-store';
import { portOfHandle, type LayerFlowNode } from './flow-nodes';
import { newEdgeId } from './ids';

/** What a batch of React Flow node changes means for the document and the session. */
export interface NodeChangeEffects {
  /** Layers moved, as a moveLayers command, or null. */
  move: Command | null;
  /** Layer ids to remove. */
  removed: string[];
  /** The new selection, or null when selection did not change. */
  selection: Selection | null;
  /** The new measured sizes, or null when none changed. */
  measured: Record<string, NodeSize> | null;
}

const sameSize = (a: NodeSize | undefined, b: NodeSize): boolean =>
  !!a && a.width === b.width && a.height === b.height;

/** Interprets node changes (pure): moves, removals, selection and measured sizes. */
export function interpretNodeChanges(
  changes: readonly NodeChange<LayerFlowNode>[],
  selection: Selection,
  measured: Readonly<Record<string, NodeSize>>,
): NodeChangeEffects {
  const moves = new Map<string, Position>();
  const removed: string[] = [];
  const selected = new Set(selection.nodes);
  let selectionChanged = false;
  let sizes: Record<string, NodeSize> | null = null;
  for (const c of changes) {
    if (c.type === 'position' && c.position) moves.set(c.id, { x: c.position.x, y: c.position.y });
    else if (c.type === 'remove') removed.push(c.id);
    else if (c.type === 'select' && selected.has(c.id) !== c.selected) {
      if (c.selected) selected.add(c.id);
      else selected.delete(c.id);
      selectionChanged = true;
    } else if (
      c.type === 'dimensions' &&
      c.dimensions &&
      !sameSize((sizes ?? measured)[c.id], c.dimensions)
    ) {
      sizes = { ...(sizes ?? measured), [c.id]: { width: c.dimensions.width, height: c.dimensions.height } };
    }
  }
  return {
    move: moves.size > 0 ? (doc) => moveLayers(doc, moves) : null,
    removed,
    selection: selectionChanged ? { nodes: [...selected], edges: selection.edges } : null,
    measured: sizes,
  };
}

/** Interprets edge changes (pure): removals of existing wires and selection. */
export function interpretEdgeChanges(
  changes: readonly EdgeChange[],
  selection: Selection,
  doc: Pick<Doc, 'edges'>,
): { removed: string[]; selection: Selection | null } {
  const existing = new Set(doc.edges.map((e) => e.id));
  const removed: string[] = [];
  const selected = new Set(selection.edges);
  let changed = false;
  for (const c of changes) {
    if (c.type === 'remove' && existing.has(c.id)) removed.push(c.id);
    else if (c.type === 'select' && selected.has(c.id) !== c.selected) {
      if (c.selected) selected.add(c.id);
      else selected.delete(c.id);
      changed = true;
    }
  }
  return { removed, selection: changed ? { nodes: selection.nodes, edges: [...selected] } : null };
}

/** A wire the user drew, as React Flow reports it. */
export interface DrawnConnection {
  source: string;
  target: string;
  targetHandle?: string | null;
}

/**
 * The command for a drawn wire. A wire into an occupied input port replaces the
 * old wire (checked as if the old one were gone); every other rule is checkConnection's.
 */
export function connectCommand(conn: DrawnConnection): Command {
  return (doc: Doc): CommandResult => {
    const port = portOfHandle(conn.targetHandle);
    const old = doc.edges.find((e) => e.target === conn.target && e.targetPort === port);
    if (old && old.source === conn.source) return ok(doc);
    const check = checkConnection(doc, conn.source, conn.target, port, old?.id);
    if (!check.ok) return err({ code: check.error.reason, values: check.error.values });
    const base = old ? removeEdges(doc, [old.id]) : ok(doc);
    if (!base.ok) return base;
    const id = newEdgeId(base.value, conn.source, conn.target, port);
    return connectPorts(base.value, { id, source: conn.source, target: conn.target, targetPort: port });
  };
}

/** Deletes the selected layers (with their wires) and the selected wires, as one step. */
export function deleteCommand(selection: Selection): Command {
  return (doc: Doc): CommandResult => {
    const a = removeLayers(doc, selection.nodes);
    if (!a.ok) return a;
    const gone = new Set(selection.edges);
    if (!a.value.edges.some((e) => gone.has(e.id))) return a;
    return removeEdges(a.value, selection.edges);
  };
}
