import type { Edge, Node, NodeChange } from '@xyflow/react';
import type { BlockRecord, Doc, EdgeRecord, LayerRecord } from '../../src/graph/document';
import type { NodeSize, Selection } from '../state/session-store';
import { NODE_SIZE_GUESS } from './drag-kind';
import { inputHandle, OUTPUT_HANDLE, type LayerFlowNode, type NodeProblem } from './flow-nodes';
import type { Point } from './keyboard-nav';

/** The node type name of a collapsed block. */
export const BLOCK_NODE_TYPE = 'block';
const PREFIX = 'block:';

/** The flow node id of a block, and back. */
export const blockNodeId = (blockId: string): string => `${PREFIX}${blockId}`;
export const blockOfNodeId = (nodeId: string): string | null =>
  nodeId.startsWith(PREFIX) ? nodeId.slice(PREFIX.length) : null;

/** What a collapsed block's node shows. */
export interface BlockNodeData extends Record<string, unknown> {
  blockId: string;
  name: string;
  count: number;
  /** Titles of its first few layers, for a hint of what is inside. */
  summary: string;
  /** Output shape of each exit layer as text (null when unknown), in document order. */
  shapes: (string | null)[];
  /** Total parameter count of its layers, or null when none is known. */
  params: number | null;
  /** The worst problem of any layer inside (errors first), naming the layer; null when none. */
  problem: NodeProblem | null;
}

/** A React Flow node of a collapsed block. */
export type BlockFlowNode = Node<BlockNodeData, 'block'>;

/** Any node on the canvas. */
export type CanvasNode = LayerFlowNode | BlockFlowNode;

/** The collapsed blocks of a document and their members (blocks without members are skipped). */
export function collapsedBlocks(
  doc: Pick<Doc, 'layers' | 'blocks'>,
): Map<string, { block: BlockRecord; members: LayerRecord[] }> {
  const out = new Map<string, { block: BlockRecord; members: LayerRecord[] }>();
  for (const block of doc.blocks ?? []) {
    if (!block.collapsed) continue;
    const members = doc.layers.filter((l) => l.block === block.id);
    if (members.length > 0) out.set(block.id, { block, members });
  }
  return out;
}

/**
 * The layers giving a block's output: those wired to a layer outside it, else (a block
 * not wired onwards) those feeding no other layer. In document order.
 */
export function exitLayers(members: readonly LayerRecord[], edges: readonly EdgeRecord[]): LayerRecord[] {
  const inside = new Set(members.map((m) => m.id));
  const leaving = new Set(
    edges.filter((e) => inside.has(e.source) && !inside.has(e.target)).map((e) => e.source),
  );
  if (leaving.size > 0) return members.filter((m) => leaving.has(m.id));
  const feeding = new Set(edges.map((e) => e.source));
  return members.filter((m) => !feeding.has(m.id));
}

/** What a block node shows of its layers' analysis: exit shapes, parameter total, worst problem. */
function blockFacts(
  members: readonly LayerRecord[],
  edges: readonly EdgeRecord[],
  byId: ReadonlyMap<string, LayerFlowNode>,
  problemText: (name: string, message: string) => string,
): Pick<BlockNodeData, 'shapes' | 'params' | 'problem'> {
  const data = members.flatMap((m) => {
    const d = byId.get(m.id)?.data;
    return d ? [d] : [];
  });
  const counted = data.filter((d) => d.params !== null);
  const worst =
    data.find((d) => d.problem?.severity === 'error') ?? data.find((d) => d.problem?.severity === 'warning');
  return {
    shapes: exitLayers(members, edges).map((m) => byId.get(m.id)?.data.shape ?? null),
    params: counted.length > 0 ? counted.reduce((sum, d) => sum + (d.params ?? 0), 0) : null,
    problem: worst?.problem
      ? { severity: worst.problem.severity, message: problemText(worst.name, worst.problem.message) }
      : null,
  };
}

/** Top-left corner of a group of layers. */
const cornerOf = (members: readonly LayerRecord[]): Point => ({
  x: Math.min(...members.map((l) => l.position.x)),
  y: Math.min(...members.map((l) => l.position.y)),
});

/**
 * Replaces the layers of each collapsed block by one block node at their top-left
 * corner (pure). Wires inside a block are hidden; wires crossing its border attach to
 * the block node. The block node is selected when all its layers are, and shows what
 * its layers' nodes say: the exit layers' output shapes, the parameter total and the
 * worst problem inside (worded by `problemText` with the layer's name).
 */
export function collapseView(
  doc: Pick<Doc, 'layers' | 'blocks' | 'edges'>,
  nodes: LayerFlowNode[],
  edges: Edge[],
  selection: Selection,
  titleOf: (kind: string) => string,
  blockTitle: string,
  problemText: (name: string, message: string) => string = (name, message) => `${name}: ${message}`,
): { nodes: CanvasNode[]; edges: Edge[] } {
  const blocks = collapsedBlocks(doc);
  if (blocks.size === 0) return { nodes, edges };
  const hiddenIn = new Map<string, string>();
  for (const [id, { members }] of blocks) for (const m of members) hiddenIn.set(m.id, id);
  const selected = new Set(selection.nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const blockNodes: BlockFlowNode[] = [...blocks].map(([id, { block, members }]) => ({
    id: blockNodeId(id),
    type: BLOCK_NODE_TYPE,
    position: cornerOf(members),
    selected: members.every((m) => selected.has(m.id)),
    ariaLabel: `${blockTitle} ${block.name}`,
    data: {
      blockId: id,
      name: block.name,
      count: members.length,
      summary:
        members
          .slice(0, 3)
          .map((m) => titleOf(m.kind))
          .join(' · ') + (members.length > 3 ? ' …' : ''),
      ...blockFacts(members, doc.edges, byId, problemText),
    },
  }));
  const shown = nodes.filter((n) => !hiddenIn.has(n.id));
  const wires = edges.flatMap((e) => {
    const from = hiddenIn.get(e.source);
    const to = hiddenIn.get(e.target);
    if (from && from === to) return [];
    if (!from && !to) return [e];
    return [
      {
        ...e,
        source: from ? blockNodeId(from) : e.source,
        sourceHandle: from ? OUTPUT_HANDLE : e.sourceHandle,
        target: to ? blockNodeId(to) : e.target,
        targetHandle: to ? inputHandle(0) : e.targetHandle,
      },
    ];
  });
  return { nodes: [...shown, ...blockNodes], edges: wires };
}

/**
 * Translates React Flow changes on block nodes into changes on their layers (pure): a
 * block moved moves all its layers by the same amount, a block (de)selected (de)selects
 * them. Other changes pass through.
 */
export function expandBlockChanges<N extends Node>(
  changes: readonly NodeChange<N>[],
  doc: Pick<Doc, 'layers' | 'blocks'>,
): NodeChange<N>[] {
  const blocks = collapsedBlocks(doc);
  return changes.flatMap((c): NodeChange<N>[] => {
    if (c.type !== 'position' && c.type !== 'select') return [c];
    const blockId = blockOfNodeId(c.id);
    const entry = blockId ? blocks.get(blockId) : undefined;
    if (!blockId) return [c];
    if (!entry) return [];
    if (c.type === 'select') return entry.members.map((m) => ({ ...c, id: m.id }));
    if (!c.position) return [];
    const corner = cornerOf(entry.members);
    const dx = c.position.x - corner.x;
    const dy = c.position.y - corner.y;
    return entry.members.map((m) => ({
      ...c,
      id: m.id,
      position: { x: m.position.x + dx, y: m.position.y + dy },
    }));
  });
}

/** Centres of the nodes on screen: layers, and collapsed blocks in place of their layers. */
export function visibleCentres(
  doc: Pick<Doc, 'layers' | 'blocks'>,
  measured: Readonly<Record<string, NodeSize>>,
): Map<string, Point> {
  const blocks = collapsedBlocks(doc);
  const out = new Map<string, Point>();
  const hidden = new Set([...blocks.values()].flatMap((b) => b.members.map((m) => m.id)));
  for (const l of doc.layers) {
    if (hidden.has(l.id)) continue;
    const size = measured[l.id] ?? NODE_SIZE_GUESS;
    out.set(l.id, { x: l.position.x + size.width / 2, y: l.position.y + size.height / 2 });
  }
  for (const [id, { members }] of blocks) {
    const size = measured[blockNodeId(id)] ?? NODE_SIZE_GUESS;
    const c = cornerOf(members);
    out.set(blockNodeId(id), { x: c.x + size.width / 2, y: c.y + size.height / 2 });
  }
  return out;
}

/** The nodes in Tab order: document order, each collapsed block where its first layer is. */
export function visibleOrder(doc: Pick<Doc, 'layers' | 'blocks'>): string[] {
  const blocks = collapsedBlocks(doc);
  const seen = new Set<string>();
  for (const l of doc.layers) {
    const id = l.block && blocks.has(l.block) ? blockNodeId(l.block) : l.id;
    seen.add(id);
  }
  return [...seen];
}

/** A place Tab stops at on the canvas: a node (layer or collapsed block) or a wire. */
export interface TabStop {
  kind: 'node' | 'edge';
  id: string;
}

/**
 * The canvas's Tab order (pure): the nodes in document order (see visibleOrder), each
 * followed by the wires that leave it, so one reads the network from the top like a
 * text. Wires inside a collapsed block are not on screen and are skipped.
 */
export function tabStops(doc: Pick<Doc, 'layers' | 'blocks' | 'edges'>): TabStop[] {
  const blocks = collapsedBlocks(doc);
  const shownAs = new Map<string, string>();
  for (const [id, { members }] of blocks) for (const m of members) shownAs.set(m.id, blockNodeId(id));
  const visible = (layer: string): string => shownAs.get(layer) ?? layer;
  const leaving = new Map<string, string[]>();
  for (const e of doc.edges) {
    const from = visible(e.source);
    if (from === visible(e.target)) continue;
    leaving.set(from, [...(leaving.get(from) ?? []), e.id]);
  }
  return visibleOrder(doc).flatMap((id): TabStop[] => [
    { kind: 'node', id },
    ...(leaving.get(id) ?? []).map((e): TabStop => ({ kind: 'edge', id: e })),
  ]);
}

/** The node on screen that shows a layer: the layer itself, or its collapsed block. */
export function visibleNodeOf(doc: Pick<Doc, 'layers' | 'blocks'>, layer: string): string {
  const block = doc.layers.find((l) => l.id === layer)?.block;
  const collapsed = block ? doc.blocks?.find((b) => b.id === block)?.collapsed : false;
  return block && collapsed ? blockNodeId(block) : layer;
}
