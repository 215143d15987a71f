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

/** The colour theme of the window. */
export type Theme = 'light' | 'dark';

/** The in-app clipboard: the last copied JSON and how often it was pasted (each paste lands further off). */
export interface ClipMemory {
  text: string;
  pastes: number;
}

/** Keyboard connect mode: a wire being made from `source`'s output; `target` is the picked layer. */
export interface Connecting {
  source: string;
  target: string | null;
}

/** A request for the Inspector to focus one of its parts (Rename, Show help, Enter on a node). */
export interface InspectorFocus {
  target: 'name' | 'help';
  serial: number;
}

/** Session state: selection, measured node sizes, notices, and view preferences (never saved). */
export interface SessionState {
  selection: Selection;
  measured: Readonly<Record<string, NodeSize>>;
  notice: Notice | null;
  fileProblem: FileProblem | null;
  /** Fallback clipboard for when the system clipboard is not allowed; survives opening another project. */
  clip: ClipMemory | null;
  snapToGrid: boolean;
  theme: Theme;
  summaryOpen: boolean;
  /** Keyboard connect mode, or null. */
  connecting: Connecting | null;
  /** The wire a dragged layer is over (it would be inserted there on drop), or null. */
  dropEdge: string | null;
  inspectorFocus: InspectorFocus | null;
  setConnecting(connecting: Connecting | null): void;
  setDropEdge(id: string | null): void;
  focusInspector(target: InspectorFocus['target']): void;
  select(selection: Selection): void;
  setClip(clip: ClipMemory | null): void;
  toggleSnap(): void;
  setTheme(theme: Theme): void;
  setSummaryOpen(open: boolean): void;
  setMeasured(sizes: Readonly<Record<string, NodeSize>>): void;
  notify(key: string, values?: MessageValues, tone?: Notice['tone']): void;
  setFileProblem(problem: FileProblem | null): void;
}

/** The empty selection. */
export const NO_SELECTION: Selection = { nodes: [], edges: [] };

/** Creates a session store; `theme` is the initial theme (main.tsx passes the system preference). */
export function createSessionStore(theme: Theme = 'light'): StoreApi<SessionState> {
  return createStore<SessionState>()((set, get) => ({
    selection: NO_SELECTION,
    measured: {},
    notice: null,
    fileProblem: null,
    clip: null,
    snapToGrid: false,
    theme,
    summaryOpen: false,
    connecting: null,
    dropEdge: null,
    inspectorFocus: null,
    setConnecting: (connecting) => set({ connecting }),
    setDropEdge: (dropEdge) => {
      if (get().dropEdge !== dropEdge) set({ dropEdge });
    },
    focusInspector: (target) =>
      set({ inspectorFocus: { target, serial: (get().inspectorFocus?.serial ?? 0) + 1 } }),
    select: (selection) => set({ selection }),
    setClip: (clip) => set({ clip }),
    toggleSnap: () => set({ snapToGrid: !get().snapToGrid }),
    setTheme: (next) => set({ theme: next }),
    setSummaryOpen: (summaryOpen) => set({ summaryOpen }),
    setMeasured: (measured) => set({ measured }),
    notify: (key, values = {}, tone = 'info') =>
      set({ notice: { key, values, tone, serial: (get().notice?.serial ?? 0) + 1 } }),
    setFileProblem: (fileProblem) => set({ fileProblem }),
  }));
}
