import type { Doc, Position } from '../../src/graph/document';
import { topoOrder } from '../../src/graph/queries';

/** Spacing of the vertical layout, in flow units. */
export interface LayoutSpacing {
  row: number;
  column: number;
}

/** Row and column spacing that suit LayerNode's size. */
export const DEFAULT_SPACING: LayoutSpacing = { row: 72, column: 250 };

/**
 * Lays the network out top to bottom: each layer one row below its deepest input,
 * layers of one row side by side, centred on x = 0. Pure; returns positions by id.
 * A document with a cycle keeps document order, one layer per row.
 */
export function layoutVertical(
  doc: Pick<Doc, 'layers' | 'edges'>,
  spacing = DEFAULT_SPACING,
): Map<string, Position> {
  const topo = topoOrder(doc);
  const order = topo.ok ? topo.order : doc.layers.map((l) => l.id);
  const depth = new Map<string, number>();
  order.forEach((id, i) => {
    if (!topo.ok) return depth.set(id, i);
    const ins = doc.edges.filter((e) => e.target === id).map((e) => (depth.get(e.source) ?? -1) + 1);
    depth.set(id, Math.max(0, ...ins));
  });
  const rows = new Map<number, string[]>();
  for (const id of order) {
    const d = depth.get(id)!;
    rows.set(d, [...(rows.get(d) ?? []), id]);
  }
  const out = new Map<string, Position>();
  for (const [d, ids] of rows) {
    ids.forEach((id, i) =>
      out.set(id, { x: (i - (ids.length - 1) / 2) * spacing.column, y: d * spacing.row }),
    );
  }
  return out;
}
