import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WeightSet } from '../../src/compiler/tfjs-weights';

/** Weights imported with a model.json: kept for the session only, never in the document. */
export interface ImportedWeights {
  /** planHash() of the plan they were imported for: they apply while the model still compiles to it. */
  planHash: string;
  weights: WeightSet;
  /** The model.json they came with (shown to the user). */
  file: string;
}

/** A model.json that could not be imported: the file and what is wrong where. */
export interface ImportProblem {
  file: string;
  messages: string[];
}

/** Session state of model exchange: the Export dialog, imported weights, the last import's problem. */
export interface ExchangeState {
  exportOpen: boolean;
  imported: ImportedWeights | null;
  importProblem: ImportProblem | null;
  setExportOpen(open: boolean): void;
  setImported(imported: ImportedWeights | null): void;
  setImportProblem(problem: ImportProblem | null): void;
}

/** The imported weights a run of a plan (by its hash) starts from: `{initialWeights}` when they fit, else `{}`. */
export function startingWeights(
  imported: ImportedWeights | null,
  hash: string,
): { initialWeights?: WeightSet } {
  return imported && imported.planHash === hash ? { initialWeights: imported.weights } : {};
}

/** Creates the exchange store (one per app, made with the others). */
export function createExchangeStore(): StoreApi<ExchangeState> {
  return createStore<ExchangeState>()((set) => ({
    exportOpen: false,
    imported: null,
    importProblem: null,
    setExportOpen: (exportOpen) => set({ exportOpen }),
    setImported: (imported) => set({ imported }),
    setImportProblem: (importProblem) => set({ importProblem }),
  }));
}
