import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Doc, Position } from '../../src/graph/document';
import { specOf } from '../../src/layers/registry';
import type { NodeSize } from '../state/session-store';
import { NODE_SIZE_GUESS } from './drag-kind';
import { inputHandle, OUTPUT_HANDLE } from './flow-nodes';

/** ELK options: layered, top to bottom, spaced for LayerNode; input ports keep their order. */
export const ELK_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '32',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

const portId = (node: string, handle: string): string => `${node}::${handle}`;

/**
 * The ELK graph of a document (pure): one node per layer at its measured size, with
 * fixed ports where LayerNode draws its handles (inputs spread along the top, the
 * output at the bottom centre), so Add and Concatenate inputs stay in port order.
 */
export function toElkGraph(
  doc: Pick<Doc, 'layers' | 'edges'>,
  sizes: Readonly<Record<string, NodeSize>>,
): ElkNode {
  const children: ElkNode[] = doc.layers.map((l) => {
    const { width, height } = sizes[l.id] ?? NODE_SIZE_GUESS;
    const spec = specOf(l.kind);
    const inputs = spec?.inputs.max ?? 1;
    const ports = Array.from({ length: inputs }, (_, i) => ({
      id: portId(l.id, inputHandle(i)),
      x: ((i + 1) / (inputs + 1)) * width,
      y: 0,
      width: 1,
      height: 1,
      layoutOptions: { 'elk.port.side': 'NORTH' },
    }));
    if (spec?.hasOutput ?? true) {
      ports.push({
        id: portId(l.id, OUTPUT_HANDLE),
        x: width / 2,
        y: height,
        width: 1,
        height: 1,
        layoutOptions: { 'elk.port.side': 'SOUTH' },
      });
    }
    return { id: l.id, width, height, ports, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' } };
  });
  const known = new Set(doc.layers.map((l) => l.id));
  const edges: ElkExtendedEdge[] = doc.edges
    .filter((e) => known.has(e.source) && known.has(e.target))
    .map((e) => ({
      id: e.id,
      sources: [portId(e.source, OUTPUT_HANDLE)],
      targets: [portId(e.target, inputHandle(e.targetPort))],
    }));
  return { id: 'root', layoutOptions: { ...ELK_OPTIONS }, children, edges };
}

/**
 * Positions from ELK's result, shifted so the layout keeps the old top-left corner
 * of the drawing (the view does not jump before it is fitted). Pure.
 */
export function positionsFromElk(laidOut: ElkNode, before: Pick<Doc, 'layers'>): Map<string, Position> {
  const out = new Map<string, Position>();
  const kids = laidOut.children ?? [];
  if (kids.length === 0) return out;
  const minX = Math.min(...before.layers.map((l) => l.position.x));
  const minY = Math.min(...before.layers.map((l) => l.position.y));
  const elkMinX = Math.min(...kids.map((k) => k.x ?? 0));
  const elkMinY = Math.min(...kids.map((k) => k.y ?? 0));
  for (const k of kids) {
    out.set(k.id, {
      x: Math.round((k.x ?? 0) - elkMinX + minX),
      y: Math.round((k.y ?? 0) - elkMinY + minY),
    });
  }
  return out;
}

/** Lays a document out with ELK (loaded on first use, so the app starts without it). */
export async function elkLayout(
  doc: Pick<Doc, 'layers' | 'edges'>,
  sizes: Readonly<Record<string, NodeSize>>,
): Promise<Map<string, Position>> {
  if (doc.layers.length === 0) return new Map();
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const laidOut = await new ELK().layout(toElkGraph(doc, sizes));
  return positionsFromElk(laidOut, doc);
}
