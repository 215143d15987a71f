import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SavedState } from './autosave-session';
import type { DatasetStoreState } from './dataset-store';
import type { DocumentState } from './document-store';
import type { ExchangeState } from './exchange-store';
import type { RunsViewState } from './runs-view-store';
import type { SessionState } from './session-store';
import type { TrainerPort } from './trainer-port';
import type { TrainingStoreState } from './training-store';

/** The app's stores and the trainer, created once by the entry point (never at module level). */
export interface AppStores {
  document: StoreApi<DocumentState>;
  session: StoreApi<SessionState>;
  training: StoreApi<TrainingStoreState>;
  /** The document as last saved or opened (the dirty marker compares against it). */
  saved: StoreApi<SavedState>;
  /** Model exchange: the Export dialog, imported weights, the last run's plan. */
  exchange: StoreApi<ExchangeState>;
  /** Imported datasets prepared for training, by content hash. */
  datasets: StoreApi<DatasetStoreState>;
  /** Session state of the Runs and Evaluation tabs: open tab, picked runs, experiment progress. */
  runs: StoreApi<RunsViewState>;
  trainer: TrainerPort;
  /**
   * Makes another trainer with a worker of its own, so an experiment's variants can train
   * side by side, with `wasmThreads` wasm threads (0: the single-threaded build); the caller
   * disposes it. Absent (as in most tests): variants share `trainer`, one at a time.
   */
  spawnTrainer?: (wasmThreads: number) => TrainerPort;
}

const StoresContext = createContext<AppStores | null>(null);

/** Provides the stores and feeds trainer messages into the training store. */
export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  useEffect(() => stores.trainer.subscribe((msg) => stores.training.getState().receive(msg)), [stores]);
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

/** The stores of the surrounding provider. */
export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('Invariant failed: useStores outside StoresProvider');
  return stores;
}

/** Selects from the document store. */
export const useDocument = <T,>(selector: (s: DocumentState) => T): T =>
  useStore(useStores().document, selector);

/** Selects from the session store. */
export const useSession = <T,>(selector: (s: SessionState) => T): T =>
  useStore(useStores().session, selector);

/** Selects from the training store. */
export const useTraining = <T,>(selector: (s: TrainingStoreState) => T): T =>
  useStore(useStores().training, selector);

/** Selects from the runs view store. */
export const useRunsView = <T,>(selector: (s: RunsViewState) => T): T => useStore(useStores().runs, selector);

/** Selects from the exchange store. */
export const useExchange = <T,>(selector: (s: ExchangeState) => T): T =>
  useStore(useStores().exchange, selector);

/** Selects from the store of imported datasets. */
export const useDatasets = <T,>(selector: (s: DatasetStoreState) => T): T =>
  useStore(useStores().datasets, selector);
