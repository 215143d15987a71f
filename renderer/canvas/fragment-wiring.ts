import { insertFragment, type BlockFragment } from '../../src/graph/block-library';
import type { IdGenerator } from '../../src/graph/clipboard';
import { connectPorts, removeEdges, type CommandError } from '../../src/graph/commands';
import type { Doc, LayerRecord, Position } from '../../src/graph/document';
import { err, ok, type Result } from '../../src/util/result';
import type { Command } from '../state/document-store';
import { NODE_SIZE_GUESS } from './drag-kind';
import { newEdgeId } from './ids';

/** Space between the selected layer and the top of a block inserted after it. */
export const AFTER_GAP = 40;

/** What a fragment insert did, filled in when its command runs. */
export interface FragmentOutcome {
  /** The new layers' ids. */
  ids: string[];
  /** The layers that the selected layer's wires went to and that now take the block's exit. */
  rerouted: string[];
  /** Why the block was left unwired (the connect rules' reason), or null. */
  refused: CommandError | null;
}

/** An empty outcome to pass to the command below. */
export const noFragmentOutcome = (): FragmentOutcome => ({ ids: [], rerouted: [], refused: null });

/** Horizontal step when the place below the anchor is taken: a node's width and a gap. */
const SIDE_STEP = NODE_SIZE_GUESS.width + 24;
/** How many steps to the right are tried before settling for an overlap. */
const SIDE_TRIES = 12;

/** True when two layer boxes (top-left corners, of the guessed node size) overlap. */
const overlaps = (a: Position, b: Position): boolean =>
  Math.abs(a.x - b.x) < NODE_SIZE_GUESS.width && Math.abs(a.y - b.y) < NODE_SIZE_GUESS.height;

/**
 * The centre to insert `frag` at (insertFragment centres the fragment's layers on it)
 * so that it sits below `anchor` (of height `height`): its top AFTER_GAP below the
 * anchor's bottom and its first entry layer straight under the anchor, or, when that
 * would cover layers already there, moved right a column at a time until it covers none.
 * Nothing else moves.
 */
export function centreBelow(
  frag: BlockFragment,
  doc: Pick<Doc, 'layers'>,
  anchor: LayerRecord,
  height: number,
): Position {
  const layers = frag.clip.layers;
  if (layers.length === 0) return anchor.position;
  const xs = layers.map((l) => l.position.x);
  const ys = layers.map((l) => l.position.y);
  const entry = layers.find((l) => l.id === frag.entries[0]?.layer) ?? layers[0]!;
  const mid = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
  const offset = {
    x: anchor.position.x - entry.position.x,
    y: anchor.position.y + height + AFTER_GAP - Math.min(...ys),
  };
  const covers = (dx: number): boolean =>
    layers.some((l) => {
      const at = { x: l.position.x + offset.x + dx, y: l.position.y + offset.y };
      return doc.layers.some((o) => overlaps(at, o.position));
    });
  let dx = 0;
  for (let i = 1; i <= SIDE_TRIES && covers(dx); i++) dx = i * SIDE_STEP;
  if (covers(dx)) dx = 0;
  return { x: offset.x + dx + mid.x, y: offset.y + mid.y };
}

/**
 * Wires an inserted fragment after layer `anchor` (pure): the anchor's output into every
 * entry port (the ports that take the block's input), and, when the block has an exit,
 * the anchor's former outgoing wires re-routed to leave from the exit instead (into the
 * same ports). Every wire is checked by the connect rules; the first refusal is returned.
 */
export function wireAfter(
  doc: Doc,
  frag: BlockFragment,
  idMap: ReadonlyMap<string, string>,
  anchor: string,
): Result<{ doc: Doc; rerouted: string[] }, CommandError> {
  const exit = frag.exit === null ? undefined : idMap.get(frag.exit);
  const outgoing = exit ? doc.edges.filter((e) => e.source === anchor) : [];
  const base = removeEdges(
    doc,
    outgoing.map((e) => e.id),
  );
  if (!base.ok) return base;
  let next = base.value;
  const wires = [
    ...frag.entries.map((entry) => ({ source: anchor, target: idMap.get(entry.layer), port: entry.port })),
    ...outgoing.map((e) => ({ source: exit!, target: e.target, port: e.targetPort })),
  ];
  for (const w of wires) {
    if (!w.target) return err({ code: 'unknown-layer', values: { id: String(w.target) } });
    const id = newEdgeId(next, w.source, w.target, w.port);
    const r = connectPorts(next, { id, source: w.source, target: w.target, targetPort: w.port });
    if (!r.ok) return r;
    next = r.value;
  }
  return ok({ doc: next, rerouted: outgoing.map((e) => e.target) });
}

/**
 * Inserts `frag` below layer `anchor` and wires it in after it (see wireAfter), as one
 * command. When the rules refuse a wire the block is still inserted there, unwired, and
 * `out.refused` says why. `height` is the anchor's drawn height.
 */
export function insertAfterCommand(
  frag: BlockFragment,
  block: { id: string; name: string },
  anchor: string,
  height: number,
  idGen: IdGenerator,
  out: FragmentOutcome,
): Command {
  return (doc) => {
    const layer = doc.layers.find((l) => l.id === anchor);
    if (!layer) return err({ code: 'unknown-layer', values: { id: anchor } });
    const centre = centreBelow(frag, doc, layer, height);
    const inserted = insertFragment(doc, frag, idGen, centre, block);
    if (!inserted.ok) return inserted;
    out.ids = inserted.value.ids;
    const wired = wireAfter(inserted.value.doc, frag, inserted.value.idMap, anchor);
    if (!wired.ok) {
      out.refused = wired.error;
      return ok(inserted.value.doc);
    }
    out.rerouted = wired.value.rerouted;
    return ok(wired.value.doc);
  };
}
