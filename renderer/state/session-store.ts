import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LoadError } from '../../src/project/parse';
import type { MessageValues } from '../../src/util/format';

/** What is selected on the canvas (session state: never saved). */
export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

/** Measured size of a rendered node, reported by React Flow. */
export interface NodeSize {
  width: number;
  height: number;
}

/** A short message for the status region: a catalog key and its values. */
export interface Notice {
  key: string;
  values: MessageValues;
  tone: 'info' | 'error';
  /** Increases with every notice, so repeating the same text is announced again. */
  serial: number;
}

/** A project file that could not be opened. */
export interface FileProblem {
  file: string;
  error: LoadError;
}

/** Session state: selection, measured node sizes, the latest notice and file problem. */
export interface SessionState {
  selection: Selection;
  measured: Readonly<Record<string, NodeSize>>;
  notice: Notice | null;
  fileProblem: FileProblem | null;
  select(selection: Selection): void;
  setMeasured(sizes: Readonly<Record<string, NodeSize>>): void;
  notify(key: string, values?: MessageValues, tone?: Notice['tone']): void;
  setFileProblem(problem: FileProblem | null): void;
}

/** The empty selection. */
export const NO_SELECTION: Selection = { nodes: [], edges: [] };

/** Creates a session store. */
export function createSessionStore(): StoreApi<SessionState> {
  return createStore<SessionState>()((set, get) => ({
    selection: NO_SELECTION,
    measured: {},
    notice: null,
    fileProblem: null,
    select: (selection) => set({ selection }),
    setMeasured: (measured) => set({ measured }),
    notify: (key, values = {}, tone = 'info') =>
      set({ notice: { key, values, tone, serial: (get().notice?.serial ?? 0) + 1 } }),
    setFileProblem: (fileProblem) => set({ fileProblem }),
  }));
}
