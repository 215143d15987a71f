import type { Doc } from '../../src/graph/document';
import { specOf } from '../../src/layers/registry';
import type { LayerCategory } from '../../src/layers/spec';
import { parseProject } from '../../src/project/parse';
import { NODE_SIZE_GUESS } from '../canvas/drag-kind';
import { blankDocument } from '../state/initial-document';

/** A bundled template: its id (the file name) and its document. */
export interface TemplateEntry {
  id: string;
  doc: Doc;
}

/** The gallery's order, simplest first; templates not listed follow by id. */
export const TEMPLATE_ORDER: readonly string[] = [
  'mlp-toy2d',
  'mlp-fashion',
  'lenet',
  'lenet-bn',
  'mlp-regression',
  'alexnet-small',
  'vgg11-small',
  'nin',
  'googlenet-mini',
  'resnet18-small',
  'densenet-small',
];

const rank = (id: string): number => {
  const i = TEMPLATE_ORDER.indexOf(id);
  return i < 0 ? TEMPLATE_ORDER.length : i;
};

/**
 * The templates of an `import.meta.glob` result (file path to parsed JSON), parsed and
 * ordered. They are bundled, so one that does not parse is a build error and throws.
 */
export function templatesFromModules(modules: Readonly<Record<string, unknown>>): TemplateEntry[] {
  const entries = Object.entries(modules).map(([path, json]) => {
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    const r = parseProject(JSON.stringify(json));
    if (!r.ok)
      throw new Error(`Invariant failed: bundled template ${id} does not parse: ${JSON.stringify(r.error)}`);
    return { id, doc: r.value.doc };
  });
  return entries.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

/** The gallery's "New (empty)": the same network as New, just an Input and an Output. */
export const emptyNetwork = blankDocument;

/** A layer drawn in a thumbnail: a box in pixels, coloured by its category. */
export interface ThumbBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  category: LayerCategory | 'unknown';
}

/** A wire drawn in a thumbnail, from a source's bottom centre to the target's input port. */
export interface ThumbWire {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A network's drawing, fitted into `width` x `height` pixels. */
export interface Thumbnail {
  width: number;
  height: number;
  boxes: ThumbBox[];
  wires: ThumbWire[];
}

/** Smallest box height in pixels, so layers of a deep network still show as bars. */
const MIN_BOX_HEIGHT = 1.5;
/** Share of the width a narrow, deep drawing is stretched to (within `maxStretch`). */
const MIN_WIDTH_SHARE = 0.6;

/**
 * Draws a network from its saved node positions (pure; no canvas involved). It keeps its
 * aspect ratio, except that a deep, narrow network is stretched sideways (up to
 * `maxStretch` times) to 60% of the width, so its lanes and branches stay visible.
 * The drawing is centred.
 */
export function thumbnailOf(
  doc: Pick<Doc, 'layers' | 'edges'>,
  width: number,
  height: number,
  maxStretch = 8,
): Thumbnail {
  const { width: nw, height: nh } = NODE_SIZE_GUESS;
  if (doc.layers.length === 0) return { width, height, boxes: [], wires: [] };
  const minX = Math.min(...doc.layers.map((l) => l.position.x));
  const minY = Math.min(...doc.layers.map((l) => l.position.y));
  const spanX = Math.max(...doc.layers.map((l) => l.position.x)) + nw - minX;
  const spanY = Math.max(...doc.layers.map((l) => l.position.y)) + nh - minY;
  const sy = Math.min(height / spanY, width / spanX);
  const target = width * MIN_WIDTH_SHARE;
  const sx = spanX * sy >= target ? sy : Math.min(target / spanX, sy * maxStretch);
  const offsetX = (width - spanX * sx) / 2;
  const offsetY = (height - spanY * sy) / 2;
  const boxes = doc.layers.map((l) => ({
    id: l.id,
    x: offsetX + (l.position.x - minX) * sx,
    y: offsetY + (l.position.y - minY) * sy,
    width: nw * sx,
    height: Math.max(nh * sy, MIN_BOX_HEIGHT),
    category: specOf(l.kind)?.category ?? ('unknown' as const),
  }));
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const wires: ThumbWire[] = [];
  for (const e of doc.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const ports = specOf(doc.layers.find((l) => l.id === e.target)!.kind)?.inputs.max ?? 1;
    const x2 = t.x + ((e.targetPort + 1) / (ports + 1)) * t.width;
    wires.push({ id: e.id, x1: s.x + s.width / 2, y1: s.y + s.height, x2, y2: t.y });
  }
  return { width, height, boxes, wires };
}
