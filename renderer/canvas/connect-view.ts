import type { Edge, Node } from '@xyflow/react';
import type { Doc } from '../../src/graph/document';
import type { Connecting } from '../state/session-store';
import { PREVIEW_EDGE_ID } from './edge-hit';
import { inputHandle, OUTPUT_HANDLE } from './flow-nodes';
import { connectTargets } from './keyboard-nav';

/**
 * Marks the nodes while connecting by keyboard (pure): the source, the picked target,
 * and every layer the rules refuse (dimmed), plus a dashed preview wire to the target.
 */
export function decorateConnect<N extends Node>(
  doc: Pick<Doc, 'layers' | 'edges'>,
  nodes: N[],
  edges: Edge[],
  connecting: Connecting | null,
): { nodes: N[]; edges: Edge[] } {
  if (!connecting) return { nodes, edges };
  const targets = new Map(connectTargets(doc, connecting.source).map((t) => [t.id, t]));
  const classOf = (id: string): string =>
    id === connecting.source
      ? 'connect-source'
      : id === connecting.target
        ? 'connect-target'
        : !targets.has(id)
          ? 'connect-invalid' // a collapsed block: not a layer to wire to
          : targets.get(id)!.rejection
            ? 'connect-invalid'
            : 'connect-valid';
  const marked = nodes.map((n) => ({ ...n, className: classOf(n.id) }));
  const target = connecting.target ? targets.get(connecting.target) : undefined;
  if (!target) return { nodes: marked, edges };
  const preview: Edge = {
    id: PREVIEW_EDGE_ID,
    source: connecting.source,
    target: target.id,
    sourceHandle: OUTPUT_HANDLE,
    targetHandle: inputHandle(target.port),
    animated: true,
    selectable: false,
    focusable: false,
    className: 'edge-connect-preview',
    domAttributes: { 'aria-hidden': true },
  };
  return { nodes: marked, edges: [...edges, preview] };
}

/** Highlights the wire a dragged layer would be inserted into, labelled with what a drop does (pure). */
export function markDropEdge(edges: Edge[], dropEdge: string | null, label = ''): Edge[] {
  if (!dropEdge) return edges;
  const mark = (e: Edge): Edge => ({
    ...e,
    className: `${e.className ?? ''} edge-drop-target`.trim(),
    animated: true,
    label: label || undefined,
  });
  return edges.map((e) => (e.id === dropEdge ? mark(e) : e));
}
