/** Id of the temporary wire drawn in keyboard connect mode (never a document wire). */
export const PREVIEW_EDGE_ID = '__connect-preview';

/**
 * The wire under a screen point, found by the browser's own hit test on React Flow's
 * wide invisible edge paths; null when there is none, or when another layer (other than
 * `dragged`, the layer being moved) covers the point first.
 */
export function edgeAtPoint(x: number, y: number, dragged: string | null = null): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const node = el.closest('.react-flow__node');
    if (node) {
      if (node.getAttribute('data-id') === dragged) continue;
      return null;
    }
    const id = el.closest('.react-flow__edge')?.getAttribute('data-id');
    if (id && id !== PREVIEW_EDGE_ID) return id;
  }
  return null;
}
