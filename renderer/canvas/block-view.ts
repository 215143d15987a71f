import type { Edge, Node, NodeChange } from '@xyflow/react';
import type { BlockRecord, Doc, LayerRecord } from '../../src/graph/document';
import type { NodeSize, Selection } from '../state/session-store';
import { NODE_SIZE_GUESS } from './drag-kind';
import { inputHandle, OUTPUT_HANDLE, type LayerFlowNode } from './flow-nodes';
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

/** Top-left corner of a group of layers. */
const cornerOf = (members: readonly LayerRecord[]): Point => ({
  x: Math.min(...members.map((l) => l.position.x)),
  y: Math.min(...members.map((l) => l.position.y)),
});

/**
 * Replaces the layers of each collapsed block by one block node at their top-left
 * corner (pure). Wires inside a block are hidden; wires crossing its border attach to
 * the block node. The block node is selected when all its layers are.
 */
export function collapseView(
  doc: Pick<Doc, 'layers' | 'blocks'>,
  nodes: LayerFlowNode[],
  edges: Edge[],
  selection: Selection,
  titleOf: (kind: string) => string,
  blockTitle: string,
): { nodes: CanvasNode[]; edges: Edge[] } {
  const blocks = collapsedBlocks(doc);
  if (blocks.size === 0) return { nodes, edges };
  const hiddenIn = new Map<string, string>();
  for (const [id, { members }] of blocks) for (const m of members) hiddenIn.set(m.id, id);
  const selected = new Set(selection.nodes);
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
