import { z } from 'zod';
import type { ParamValue } from '../layers/spec';
import { err, ok, type Result } from '../util/result';
import { groupLayers, setBlockCollapsed } from './blocks';
import {
  CLIPBOARD_FORMAT,
  CLIPBOARD_VERSION,
  clipboardSchema,
  copyLayers,
  pasteLayers,
  type ClipboardData,
  type IdGenerator,
} from './clipboard';
import type { CommandError } from './commands';
import type { Doc, Position } from './document';

/** Where a fragment takes the block's input: a layer of the fragment and its input port. */
export const fragmentEntrySchema = z.object({ layer: z.string().min(1), port: z.number().int().min(0) });

/**
 * A reusable block: clipboard-style layers and the wires among them, plus which ports
 * take the block's input (`entries`) and which layer gives its output (`exit`).
 */
export const blockFragmentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  clip: clipboardSchema,
  entries: z.array(fragmentEntrySchema),
  exit: z.string().nullable(),
});

/** A reusable block (plain JSON). */
export type BlockFragment = z.infer<typeof blockFragmentSchema>;

type LayerDef = [id: string, kind: string, params: Record<string, ParamValue>, x: number, y: number];
type WireDef = [source: string, target: string, port?: number];

const STEP = 90;
const COL = 240;

/** Builds a fragment from short layer and wire lists (edge ids follow the paste convention). */
function fragment(
  id: string,
  name: string,
  layers: LayerDef[],
  wires: WireDef[],
  entries: [string, number][],
  exit: string,
): BlockFragment {
  return {
    id,
    name,
    clip: {
      format: CLIPBOARD_FORMAT,
      version: CLIPBOARD_VERSION,
      layers: layers.map(([lid, kind, params, x, y]) => ({
        id: lid,
        kind,
        name: lid,
        params,
        position: { x, y },
        block: null,
      })),
      edges: wires.map(([source, target, port = 0]) => ({
        id: `${source}->${target}:${port}`,
        source,
        target,
        targetPort: port,
      })),
    },
    entries: entries.map(([layer, port]) => ({ layer, port })),
    exit,
  };
}

const conv = (filters: number, kernelSize: number, activation = 'linear'): Record<string, ParamValue> => ({
  filters,
  kernelSize,
  padding: 'same',
  activation,
});

/** VGG block: two 3x3 same-padded ReLU convolutions, then 2x2 max pooling. */
const vgg = fragment(
  'example-vgg',
  'VGG block',
  [
    ['vgg_conv1', 'conv2d', conv(32, 3, 'relu'), 0, 0],
    ['vgg_conv2', 'conv2d', conv(32, 3, 'relu'), 0, STEP],
    ['vgg_pool', 'max-pool2d', { poolSize: 2, strides: 2 }, 0, 2 * STEP],
  ],
  [
    ['vgg_conv1', 'vgg_conv2'],
    ['vgg_conv2', 'vgg_pool'],
  ],
  [['vgg_conv1', 0]],
  'vgg_pool',
);

/**
 * Residual block: conv-BN-ReLU-conv-BN, plus the block's input on the Add's second port,
 * then ReLU. The convolutions keep 16 channels so the skip matches a 16-channel input.
 */
const residual = fragment(
  'example-residual',
  'Residual block',
  [
    ['res_conv1', 'conv2d', conv(16, 3), 0, 0],
    ['res_bn1', 'batch-norm', {}, 0, STEP],
    ['res_relu1', 'activation', { activation: 'relu' }, 0, 2 * STEP],
    ['res_conv2', 'conv2d', conv(16, 3), 0, 3 * STEP],
    ['res_bn2', 'batch-norm', {}, 0, 4 * STEP],
    ['res_add', 'add', {}, 0, 5 * STEP],
    ['res_relu2', 'activation', { activation: 'relu' }, 0, 6 * STEP],
  ],
  [
    ['res_conv1', 'res_bn1'],
    ['res_bn1', 'res_relu1'],
    ['res_relu1', 'res_conv2'],
    ['res_conv2', 'res_bn2'],
    ['res_bn2', 'res_add', 0],
    ['res_add', 'res_relu2'],
  ],
  [
    ['res_conv1', 0],
    ['res_add', 1],
  ],
  'res_relu2',
);

/** Inception block: 1x1, 1x1→3x3, 1x1→5x5 and 3x3 max-pool→1x1 branches, concatenated. */
const inception = fragment(
  'example-inception',
  'Inception block',
  [
    ['inc_1x1', 'conv2d', conv(16, 1, 'relu'), 0, STEP],
    ['inc_3x3_reduce', 'conv2d', conv(16, 1, 'relu'), COL, 0],
    ['inc_3x3', 'conv2d', conv(24, 3, 'relu'), COL, STEP],
    ['inc_5x5_reduce', 'conv2d', conv(8, 1, 'relu'), 2 * COL, 0],
    ['inc_5x5', 'conv2d', conv(8, 5, 'relu'), 2 * COL, STEP],
    ['inc_pool', 'max-pool2d', { poolSize: 3, strides: 1, padding: 'same' }, 3 * COL, 0],
    ['inc_pool_proj', 'conv2d', conv(8, 1, 'relu'), 3 * COL, STEP],
    ['inc_concat', 'concatenate', { axis: -1 }, 1.5 * COL, 2 * STEP],
  ],
  [
    ['inc_3x3_reduce', 'inc_3x3'],
    ['inc_5x5_reduce', 'inc_5x5'],
    ['inc_pool', 'inc_pool_proj'],
    ['inc_1x1', 'inc_concat', 0],
    ['inc_3x3', 'inc_concat', 1],
    ['inc_5x5', 'inc_concat', 2],
    ['inc_pool_proj', 'inc_concat', 3],
  ],
  [
    ['inc_1x1', 0],
    ['inc_3x3_reduce', 0],
    ['inc_5x5_reduce', 0],
    ['inc_pool', 0],
  ],
  'inc_concat',
);

/** The example blocks shipped with the app, in palette order. */
export const EXAMPLE_BLOCKS: readonly BlockFragment[] = [vgg, residual, inception];

/**
 * A fragment of block `blockId` of `doc`: its layers and internal wires, the ports fed
 * from outside the block (entries) and the first member wired to a layer outside it
 * (exit; else the last member with no wire inside). Null for an unknown or empty block.
 */
export function fragmentFromBlock(doc: Doc, blockId: string, id: string, name: string): BlockFragment | null {
  const members = doc.layers.filter((l) => l.block === blockId);
  if (members.length === 0) return null;
  const inside = new Set(members.map((l) => l.id));
  const clip = copyLayers(doc, [...inside]);
  const layers = clip.layers.map((l) => ({ ...l, block: null }));
  const entries = doc.edges
    .filter((e) => inside.has(e.target) && !inside.has(e.source))
    .map((e) => ({ layer: e.target, port: e.targetPort }));
  const leaving = doc.edges.find((e) => inside.has(e.source) && !inside.has(e.target));
  const feeds = new Set(clip.edges.map((e) => e.source));
  const exit = leaving?.source ?? [...members].reverse().find((l) => !feeds.has(l.id))?.id ?? null;
  return { id, name, clip: { ...clip, layers }, entries, exit };
}

/** The offset that centres the fragment's layers (by their top-left corners) on `centre`. */
export function fragmentOffset(clip: ClipboardData, centre: Position): Position {
  if (clip.layers.length === 0) return centre;
  const xs = clip.layers.map((l) => l.position.x);
  const ys = clip.layers.map((l) => l.position.y);
  const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
  const midY = (Math.min(...ys) + Math.max(...ys)) / 2;
  return { x: centre.x - midX, y: centre.y - midY };
}

/** The outcome of inserting a fragment: the new document, its new layer ids and its block (if grouped). */
export interface FragmentInsert {
  doc: Doc;
  ids: string[];
  /** New id of each fragment layer id. */
  idMap: Map<string, string>;
  blockId: string | null;
}

/**
 * Inserts `frag` with fresh ids centred on `centre` (positions as top-left corners).
 * With two or more layers they are grouped into an expanded block `block` (named after
 * the fragment), so the layers stay visible and the group keeps its name. Pure.
 */
export function insertFragment(
  doc: Doc,
  frag: BlockFragment,
  idGen: IdGenerator,
  centre: Position,
  block: { id: string; name: string },
): Result<FragmentInsert, CommandError> {
  const pasted = pasteLayers(doc, frag.clip, idGen, fragmentOffset(frag.clip, centre));
  if (!pasted.ok) return pasted;
  const { ids } = pasted.value;
  if (ids.length === 0) return err({ code: 'block-too-small', values: { count: 0 } });
  const idMap = new Map<string, string>();
  const unique = [...new Set(frag.clip.layers.map((l) => l.id))];
  unique.forEach((old, i) => idMap.set(old, ids[i]!));
  if (ids.length < 2) return ok({ doc: pasted.value.doc, ids, idMap, blockId: null });
  const grouped = groupLayers(pasted.value.doc, ids, block);
  if (!grouped.ok) return grouped;
  const expanded = setBlockCollapsed(grouped.value, block.id, false);
  if (!expanded.ok) return expanded;
  return ok({ doc: expanded.value, ids, idMap, blockId: block.id });
}
