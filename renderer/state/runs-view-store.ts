import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExperimentKind } from '../../src/graph/document';

/** The tabs under the training controls. */
export const CHART_TABS = ['metrics', 'layers', 'runs', 'evaluation'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

/** Where a running experiment is: which run of how many, and what that run varies. */
export interface ExperimentProgress {
  id: string;
  kind: ExperimentKind;
  /** 1-based index of the run now training. */
  index: number;
  total: number;
}

/** Session state of the Runs and Evaluation views (not saved: selection is session state). */
export interface RunsViewState {
  tab: ChartTab;
  /** Ids of the runs picked for the overlay, in the order picked. */
  selected: readonly string[];
  experiment: ExperimentProgress | null;
  setTab(tab: ChartTab): void;
  /** Picks or unpicks one run. */
  toggle(id: string, on: boolean): void;
  /** Replaces the selection (an experiment shows its own runs when it ends). */
  select(ids: readonly string[]): void;
  setExperiment(p: ExperimentProgress | null): void;
}

/** Creates the runs view store, on the Metrics tab with nothing picked. */
export function createRunsViewStore(): StoreApi<RunsViewState> {
  return createStore<RunsViewState>()((set, get) => ({
    tab: 'metrics',
    selected: [],
    experiment: null,
    setTab: (tab) => set({ tab }),
    toggle(id, on) {
      const rest = get().selected.filter((s) => s !== id);
      set({ selected: on ? [...rest, id] : rest });
    },
    select: (ids) => set({ selected: [...ids] }),
    setExperiment: (experiment) => set({ experiment }),
  }));
}
