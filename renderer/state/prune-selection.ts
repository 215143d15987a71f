import type { Doc } from '../../src/graph/document';
import type { Selection } from './session-store';

/**
 * The selection without the layers and wires `doc` no longer has (after an undo, a redo or
 * a replaced document), or the same object when nothing is gone.
 */
export function pruneSelection(selection: Selection, doc: Pick<Doc, 'layers' | 'edges'>): Selection {
  if (selection.nodes.length === 0 && selection.edges.length === 0) return selection;
  const layers = new Set(doc.layers.map((l) => l.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  const nodes = selection.nodes.filter((id) => layers.has(id));
  const wires = selection.edges.filter((id) => edges.has(id));
  return nodes.length === selection.nodes.length && wires.length === selection.edges.length
    ? selection
    : { nodes, edges: wires };
}
