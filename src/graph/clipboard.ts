import { z } from 'zod';
import { specOf } from '../layers/registry';
import { err, ok, type Result } from '../util/result';
import type { CommandError } from './commands';
import { checkConnection } from './connect-rules';
import {
  edgeSchema,
  layerSchema,
  type Doc,
  type EdgeRecord,
  type LayerRecord,
  type Position,
} from './document';

/** The `format` tag of clipboard JSON, so foreign text on the clipboard is never mistaken for layers. */
export const CLIPBOARD_FORMAT = 'layerloom-clipboard';

/** Version of the clipboard payload; bumped when its shape changes. */
export const CLIPBOARD_VERSION = 1;

/** What copy puts on the clipboard: some layers and the wires among them. */
export const clipboardSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(CLIPBOARD_VERSION),
  layers: z.array(layerSchema),
  edges: z.array(edgeSchema),
});

/** Clipboard contents (plain JSON). */
export type ClipboardData = z.infer<typeof clipboardSchema>;

/** Produces a layer id not in `taken` for a layer of `kind` (passed in: src/ makes no ids itself). */
export type IdGenerator = (taken: ReadonlySet<string>, kind: string) => string;

/** The default id generator: the kind and the lowest free number, e.g. `conv2d-3`. */
export const lowestFreeId: IdGenerator = (taken, kind) => {
  for (let i = 1; ; i++) if (!taken.has(`${kind}-${i}`)) return `${kind}-${i}`;
};

/** The layers `ids` of `doc` and only the wires with both ends among them. */
export function copyLayers(doc: Pick<Doc, 'layers' | 'edges'>, ids: readonly string[]): ClipboardData {
  const chosen = new Set(ids);
  return {
    format: CLIPBOARD_FORMAT,
    version: CLIPBOARD_VERSION,
    layers: doc.layers.filter((l) => chosen.has(l.id)),
    edges: doc.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
  };
}

/** Reads clipboard text; null when it is not Layerloom clipboard JSON (checked, never cast). */
export function parseClipboard(text: string): ClipboardData | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const r = clipboardSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** A name not in `used`: the name itself when free, else `<name> copy`, `<name> copy 2`... */
export function freshName(name: string, used: ReadonlySet<string>): string {
  if (!used.has(name)) return name;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `${name} copy` : `${name} copy ${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The outcome of a paste: the new document, the new layer ids (in clipboard order) and refused wires. */
export interface PasteResult {
  doc: Doc;
  ids: string[];
  /** Wires of the clipboard that the connect rules refused (left out). */
  droppedEdges: number;
}

/**
 * Pastes clipboard layers into `doc` as new layers: fresh ids (from `idGen`) and
 * names, positions moved by `offset`, and only the wires among the pasted layers,
 * each checked by the connect rules (a refused one is left out and counted). A layer
 * of a kind this version does not know refuses the whole paste. Pure.
 */
export function pasteLayers(
  doc: Doc,
  clip: ClipboardData,
  idGen: IdGenerator,
  offset: Position,
): Result<PasteResult, CommandError> {
  const unknown = clip.layers.find((l) => !specOf(l.kind));
  if (unknown) return err({ code: 'unknown-kind', values: { kind: unknown.kind } });
  const takenIds = new Set(doc.layers.map((l) => l.id));
  const usedNames = new Set(doc.layers.map((l) => l.name));
  const idMap = new Map<string, string>();
  const added: LayerRecord[] = [];
  for (const l of clip.layers) {
    if (idMap.has(l.id)) continue; // a malformed clipboard repeating an id pastes it once
    const id = idGen(takenIds, l.kind);
    const name = freshName(l.name, usedNames);
    takenIds.add(id);
    usedNames.add(name);
    idMap.set(l.id, id);
    const position = { x: l.position.x + offset.x, y: l.position.y + offset.y };
    added.push({ ...l, id, name, position, params: { ...l.params }, block: null });
  }
  let next: Doc = { ...doc, layers: [...doc.layers, ...added] };
  const takenEdges = new Set(doc.edges.map((e) => e.id));
  let droppedEdges = 0;
  for (const e of clip.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (!source || !target) continue; // not internal: never pasted
    if (!checkConnection(next, source, target, e.targetPort).ok) {
      droppedEdges++;
      continue;
    }
    const edge: EdgeRecord = {
      id: freshEdgeId(takenEdges, source, target, e.targetPort),
      source,
      target,
      targetPort: e.targetPort,
    };
    takenEdges.add(edge.id);
    next = { ...next, edges: [...next.edges, edge] };
  }
  return ok({ doc: added.length === 0 ? doc : next, ids: added.map((l) => l.id), droppedEdges });
}

function freshEdgeId(taken: ReadonlySet<string>, source: string, target: string, port: number): string {
  const base = `${source}->${target}:${port}`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}#${i}`)) return `${base}#${i}`;
}

/** Copies layers `ids` and pastes them back at `offset`: Duplicate. */
export function duplicateLayers(
  doc: Doc,
  ids: readonly string[],
  idGen: IdGenerator,
  offset: Position,
): Result<PasteResult, CommandError> {
  return pasteLayers(doc, copyLayers(doc, ids), idGen, offset);
}
