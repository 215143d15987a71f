import {
  copyLayers,
  duplicateLayers,
  lowestFreeId,
  parseClipboard,
  pasteLayers,
  type ClipboardData,
  type PasteResult,
} from '../../src/graph/clipboard';
import type { CommandResult } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { ok } from '../../src/util/result';
import { deleteCommand } from '../canvas/flow-changes';
import type { AppStores } from './stores';

/** How far each paste or duplicate lands from its original, in flow units. */
export const PASTE_STEP = 40;

/** The system clipboard as far as the editor needs it; absent or refusing where not permitted. */
export interface SystemClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** The browser's clipboard, or null where the page has none. */
export function browserClipboard(): SystemClipboard | null {
  return typeof navigator !== 'undefined' && navigator.clipboard ? navigator.clipboard : null;
}

/** Resolves to null when `p` fails or takes longer than `ms` (a permission prompt must not hang a paste). */
function settleWithin<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      () => (clearTimeout(timer), resolve(null)),
    );
  });
}

/** Wraps a paste as a store command that also reports the result. */
function pasteCommand(
  run: (doc: Doc) => ReturnType<typeof pasteLayers>,
  out: { result: PasteResult | null },
): (doc: Doc) => CommandResult {
  return (doc) => {
    const r = run(doc);
    if (!r.ok) return r;
    out.result = r.value;
    return ok(r.value.doc);
  };
}

/** Selects everything on the canvas. */
export function selectAll(stores: AppStores): void {
  const { doc } = stores.document.getState();
  stores.session.getState().select({ nodes: doc.layers.map((l) => l.id), edges: doc.edges.map((e) => e.id) });
}

/** Deletes the selection as one undo step; false when nothing was selected. */
export function deleteSelection(stores: AppStores): boolean {
  const session = stores.session.getState();
  const sel = session.selection;
  const count = sel.nodes.length + sel.edges.length;
  if (count === 0) return false;
  stores.document.getState().apply(deleteCommand(sel));
  session.select({ nodes: [], edges: [] });
  session.notify('ui.notice.deleted', { count });
  return true;
}

/** Copies the selected layers (and the wires among them) in-app; their JSON, or null when no layer is selected. */
export function copyText(stores: AppStores): string | null {
  const session = stores.session.getState();
  if (session.selection.nodes.length === 0) return null;
  const clip = copyLayers(stores.document.getState().doc, session.selection.nodes);
  const text = JSON.stringify(clip);
  session.setClip({ text, pastes: 0 });
  session.notify('ui.notice.copied', { count: clip.layers.length });
  return text;
}

/** Copies the selection in-app and to the system clipboard; false when no layer is selected. */
export function copySelection(stores: AppStores, system = browserClipboard()): boolean {
  const text = copyText(stores);
  if (text === null) return false;
  void system?.writeText(text).catch(() => undefined); // no permission: the in-app copy still works
  return true;
}

/** Deletes the selected layers after a copy, announcing a cut. */
export function removeCut(stores: AppStores): void {
  const session = stores.session.getState();
  const count = session.selection.nodes.length;
  stores.document.getState().apply(deleteCommand(session.selection));
  session.select({ nodes: [], edges: [] });
  session.notify('ui.notice.cut', { count });
}

/** Copies, then deletes the selection. */
export function cutSelection(stores: AppStores, system = browserClipboard()): boolean {
  if (!copySelection(stores, system)) return false;
  removeCut(stores);
  return true;
}

/** Applies a paste-like command in one undo step, then selects and announces the new layers. */
function applyPaste(
  stores: AppStores,
  run: (doc: Doc) => ReturnType<typeof pasteLayers>,
  key: string,
): boolean {
  const out: { result: PasteResult | null } = { result: null };
  const session = stores.session.getState();
  const error = stores.document.getState().apply(pasteCommand(run, out));
  if (error) {
    session.notify('ui.notice.commandRefused', { code: error.code }, 'error');
    return false;
  }
  const r = out.result;
  if (!r || r.ids.length === 0) return false;
  session.select({ nodes: r.ids, edges: [] });
  session.notify(key, { count: r.ids.length, dropped: r.droppedEdges });
  return true;
}

/**
 * Pastes clipboard `text` when it is Layerloom JSON, else the in-app copy. Each further
 * paste of the same copy lands one step further off. Pure of the system clipboard.
 */
export function pasteText(stores: AppStores, text: string | null): boolean {
  const memory = stores.session.getState().clip;
  let clip: ClipboardData | null = text ? parseClipboard(text) : null;
  let source = text ?? '';
  if (!clip && memory) {
    clip = parseClipboard(memory.text);
    source = memory.text;
  }
  if (!clip) return false;
  const pastes = memory && memory.text === source ? memory.pastes + 1 : 1;
  stores.session.getState().setClip({ text: source, pastes });
  const offset = { x: PASTE_STEP * pastes, y: PASTE_STEP * pastes };
  return applyPaste(stores, (doc) => pasteLayers(doc, clip, lowestFreeId, offset), 'ui.notice.pasted');
}

/** Pastes from the system clipboard when it can be read (another window, another project), else the in-app copy. */
export async function pasteClipboard(stores: AppStores, system = browserClipboard()): Promise<boolean> {
  return pasteText(stores, system ? await settleWithin(system.readText(), 400) : null);
}

/** Duplicates the selected layers (with the wires among them) next to the originals. */
export function duplicateSelection(stores: AppStores): boolean {
  const ids = stores.session.getState().selection.nodes;
  if (ids.length === 0) return false;
  const offset = { x: PASTE_STEP, y: PASTE_STEP };
  return applyPaste(stores, (doc) => duplicateLayers(doc, ids, lowestFreeId, offset), 'ui.notice.duplicated');
}
