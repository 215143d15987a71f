import type { Doc } from '../graph/document';

/** Undo/redo state: documents before each step, and after each undone step. */
export interface History {
  readonly past: readonly Doc[];
  readonly future: readonly Doc[];
}

/** An empty history. */
export const emptyHistory: History = { past: [], future: [] };

/** How many steps are kept. */
export const HISTORY_LIMIT = 200;

/**
 * Records one finished step (a gesture such as a whole drag, a typed value or a
 * paste) given the document before it. Documents are immutable, so keeping the
 * earlier version shares all unchanged records with the current one.
 */
export function record(h: History, before: Doc, after: Doc): History {
  if (before === after) return h;
  return { past: [...h.past, before].slice(-HISTORY_LIMIT), future: [] };
}

/** Steps back: the new history and the document to show, or null when there is nothing to undo. */
export function undo(h: History, current: Doc): { history: History; doc: Doc } | null {
  const prev = h.past[h.past.length - 1];
  if (!prev) return null;
  return { history: { past: h.past.slice(0, -1), future: [current, ...h.future] }, doc: prev };
}

/** Steps forward again after an undo. */
export function redo(h: History, current: Doc): { history: History; doc: Doc } | null {
  const next = h.future[0];
  if (!next) return null;
  return { history: { past: [...h.past, current], future: h.future.slice(1) }, doc: next };
}
