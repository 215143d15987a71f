import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Analysis } from '../../src/analysis/analyze';
import type { CommandError, CommandResult } from '../../src/graph/commands';
import type { Doc, RunRecord } from '../../src/graph/document';
import { withRuns } from '../../src/graph/runs';
import { emptyHistory, record, redo, undo, type History } from '../../src/history/history';
import { analysisFor } from './analysis-memo';

/** A document change: one of the src/graph commands, partially applied. */
export type Command = (doc: Doc) => CommandResult;

/** The document being edited, its analysis and its undo history. */
export interface DocumentState {
  doc: Doc;
  analysis: Analysis;
  history: History;
  /** The document when the current gesture began, or null outside a gesture. */
  gestureStart: Doc | null;
  /** Bumped whenever a whole document is loaded, so the view can fit it. */
  loadCount: number;
  /** Applies a command; outside a gesture it is one undo step. Returns why it was refused, or null. */
  apply(command: Command): CommandError | null;
  /** Starts a gesture (a drag): commands until endGesture form one undo step. */
  beginGesture(): void;
  /** Ends the gesture and records it. */
  endGesture(): void;
  undo(): boolean;
  redo(): boolean;
  /** Replaces the document (open, template) and clears the history. */
  load(doc: Doc): void;
  /**
   * Changes the run history. Runs are a record of what happened, not part of the design:
   * this is never an undo step, and undo/redo keep the current runs (undoing an edit
   * made before a run does not take the run away, and redo does not bring back a deleted one).
   */
  updateRuns(f: (runs: readonly RunRecord[]) => readonly RunRecord[]): void;
}

/** Creates a document store holding `initial`. */
export function createDocumentStore(initial: Doc): StoreApi<DocumentState> {
  return createStore<DocumentState>()((set, get) => {
    /** Moves to a new document, keeping the analysis when the structure is unchanged. */
    const withDoc = (doc: Doc, history: History): Partial<DocumentState> => {
      const s = get();
      return { doc, history, analysis: analysisFor(s, doc) };
    };
    const closeGesture = (): void => {
      const s = get();
      if (s.gestureStart === null) return;
      set({ gestureStart: null, history: record(s.history, s.gestureStart, s.doc) });
    };
    return {
      doc: initial,
      analysis: analysisFor(null, initial),
      history: emptyHistory,
      gestureStart: null,
      loadCount: 0,
      apply(command) {
        const s = get();
        const r = command(s.doc);
        if (!r.ok) return r.error;
        if (r.value === s.doc) return null;
        const history = s.gestureStart === null ? record(s.history, s.doc, r.value) : s.history;
        set(withDoc(r.value, history));
        return null;
      },
      beginGesture() {
        closeGesture();
        set({ gestureStart: get().doc });
      },
      endGesture: closeGesture,
      undo() {
        closeGesture();
        const s = get();
        const step = undo(s.history, s.doc);
        if (!step) return false;
        set(withDoc(withRuns(step.doc, s.doc.runs), step.history));
        return true;
      },
      redo() {
        closeGesture();
        const s = get();
        const step = redo(s.history, s.doc);
        if (!step) return false;
        set(withDoc(withRuns(step.doc, s.doc.runs), step.history));
        return true;
      },
      load(doc) {
        set({
          doc,
          analysis: analysisFor(null, doc),
          history: emptyHistory,
          gestureStart: null,
          loadCount: get().loadCount + 1,
        });
      },
      updateRuns(f) {
        const s = get();
        const runs = f(s.doc.runs);
        if (runs === s.doc.runs) return;
        const doc = withRuns(s.doc, runs);
        // A gesture in progress keeps its start, but with the new runs, so closing it records no run change.
        set({ doc, ...(s.gestureStart && { gestureStart: withRuns(s.gestureStart, runs) }) });
      },
    };
  });
}
