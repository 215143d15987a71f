import { specOf } from '../../src/layers/registry';

/** The drag-and-drop data type carrying a layer kind from the palette to the canvas. */
export const LAYER_KIND_MIME = 'application/layerloom-kind';

/** The drag-and-drop data type carrying the id of an example or saved block ("My blocks"). */
export const BLOCK_FRAGMENT_MIME = 'application/layerloom-block';

/** Size LayerNode is drawn at before React Flow measures it; a dropped node is centred on the pointer with it. */
export const NODE_SIZE_GUESS = { width: 216, height: 46 } as const;

/** The kind carried by a drop, or null when it is not a known layer kind. */
export function droppedKind(data: Pick<DataTransfer, 'getData'>): string | null {
  const kind = data.getData(LAYER_KIND_MIME);
  return kind && specOf(kind) ? kind : null;
}

/** The viewport centre in flow coordinates, from React Flow's size and transform [x, y, zoom]. */
export function viewportCentre(
  width: number,
  height: number,
  transform: readonly [number, number, number],
): {
  x: number;
  y: number;
} {
  const [tx, ty, zoom] = transform;
  return { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
}

/**
 * The first spot at or to the right of `at` (a node's top-left) where a new node of
 * NODE_SIZE_GUESS overlaps no existing layer, so a layer added "in the middle" by
 * keyboard does not land on top of another.
 */
export function freeSpot(
  layers: readonly { position: { x: number; y: number } }[],
  at: { x: number; y: number },
): { x: number; y: number } {
  const { width, height } = NODE_SIZE_GUESS;
  const gap = 24;
  const overlaps = (x: number): boolean =>
    layers.some(
      (l) => Math.abs(l.position.x - x) < width + gap / 2 && Math.abs(l.position.y - at.y) < height + gap / 2,
    );
  let x = at.x;
  for (let i = 0; i < 20 && overlaps(x); i++) x += width / 2 + gap / 2;
  return { x, y: at.y };
}
