import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Doc } from '../../src/graph/document';
import type { BackupHost } from '../host/backup-host';
import type { FileHandleLike } from '../host/browser-files';
import {
  createAutosaveScheduler,
  type AutosaveScheduler,
  type AutosaveTiming,
  type Clock,
} from './autosave-scheduler';
import type { DocumentState } from './document-store';

/** The document as last saved (or opened), and the file it lives in. */
export interface SavedState {
  savedDoc: Doc;
  /** The file path in the desktop app; null in a browser or before the first save. */
  filePath: string | null;
  /** Records that `doc` is now what the file holds. */
  markSaved(doc: Doc, filePath?: string | null): void;
  /** In a browser with the File System Access API: the file Save writes in place (null: ask). */
  fileHandle: FileHandleLike | null;
  setFileHandle(handle: FileHandleLike | null): void;
}

/** Creates the saved-state store; the first document counts as saved (nothing to lose yet). */
export function createSavedStore(initial: Doc): StoreApi<SavedState> {
  return createStore<SavedState>()((set, get) => ({
    savedDoc: initial,
    filePath: null,
    markSaved: (doc, filePath) =>
      set({ savedDoc: doc, filePath: filePath === undefined ? get().filePath : filePath }),
    fileHandle: null,
    setFileHandle: (fileHandle) => set({ fileHandle }),
  }));
}

/** True when the document differs from the saved one (an edit since the last save or open). */
export const isDirty = (doc: Doc, saved: Pick<SavedState, 'savedDoc'>): boolean => doc !== saved.savedDoc;

/** What autosave works on. */
export interface AutosaveDeps {
  document: StoreApi<DocumentState>;
  saved: StoreApi<SavedState>;
  host: BackupHost;
  clock: Clock;
  serialize(doc: Doc): string;
  timing?: AutosaveTiming;
  onError?(error: unknown): void;
}

/**
 * Backs the document up after each edit (debounced, see AutosaveScheduler) and clears
 * the backup once the document is saved. Returns the scheduler and a function that stops it.
 */
export function startAutosave(deps: AutosaveDeps): { scheduler: AutosaveScheduler; stop(): void } {
  const { document, saved, host } = deps;
  const save = async (): Promise<void> => {
    const { doc } = document.getState();
    if (!isDirty(doc, saved.getState())) return host.clear();
    await host.write(deps.serialize(doc));
    // Saved for real while the backup was being written: its clear may have gone first.
    if (!isDirty(document.getState().doc, saved.getState())) await host.clear();
  };
  const scheduler = createAutosaveScheduler(save, deps.clock, deps.timing, deps.onError);
  const offDoc = document.subscribe((s, prev) => {
    if (s.doc !== prev.doc) scheduler.edited();
  });
  const offSaved = saved.subscribe((s, prev) => {
    if (s.savedDoc === prev.savedDoc || isDirty(document.getState().doc, s)) return;
    scheduler.cancel();
    void host.clear().catch(deps.onError);
  });
  return {
    scheduler,
    stop() {
      offDoc();
      offSaved();
      scheduler.cancel();
    },
  };
}

/**
 * Starts the session and returns the backup worth offering to restore: one left by a session
 * that did not end cleanly. A backup left after a clean end (the user chose to leave without
 * saving) is deleted.
 */
export async function findRecovery(host: BackupHost): Promise<string | null> {
  const unclean = await host.beginSession();
  const text = await host.read();
  if (text !== null && !unclean) await host.clear();
  return unclean ? text : null;
}
