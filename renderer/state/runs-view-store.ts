import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExperimentKind } from '../../src/graph/document';
import type { TrainingState } from './training-reducer';

/** The tabs under the training controls. */
export const CHART_TABS = ['metrics', 'layers', 'runs', 'evaluation'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

/** Where one variant of an experiment is: waiting, training (with the fraction done), or ended how. */
export type VariantStatus = 'queued' | 'running' | 'done' | 'stopped' | 'failed';

/** One variant's line in the experiment's progress. */
export interface VariantProgress {
  /** What the variant is called (shown by its progress bar, and when it fails). */
  label: string;
  status: VariantStatus;
  /** Share of its steps done, 0 to 1. */
  fraction: number;
}

/** A running experiment: what it compares ('compare' for a lesson's), each variant's progress, how many train at once. */
export interface ExperimentProgress {
  id: string;
  kind: ExperimentKind | 'compare';
  variants: readonly VariantProgress[];
  parallel: number;
  /** Set by Cancel: the runner stops every variant. */
  cancelRequested: boolean;
}

/** Session state of the Runs and Evaluation views (not saved: selection is session state). */
export interface RunsViewState {
  tab: ChartTab;
  /** Ids of the runs picked for the overlay, in the order picked. */
  selected: readonly string[];
  experiment: ExperimentProgress | null;
  /**
   * The running experiment's variants as they train, by variant index (null until one
   * starts): the states hold mutable rings, so `liveVersion` changes whenever one grew.
   */
  liveRuns: readonly (TrainingState | null)[];
  liveVersion: number;
  /** Train an experiment's variants one at a time even on several cores (session setting). */
  sequential: boolean;
  setTab(tab: ChartTab): void;
  /** Picks or unpicks one run. */
  toggle(id: string, on: boolean): void;
  /** Replaces the selection (an experiment shows its own runs when it ends). */
  select(ids: readonly string[]): void;
  setExperiment(p: ExperimentProgress | null): void;
  /** Changes one variant's progress (nothing while no experiment runs). */
  updateVariant(index: number, patch: Partial<VariantProgress>): void;
  /** Asks the running experiment to stop all its variants. */
  cancelExperiment(): void;
  /** Variant `index`'s latest state (nothing while no experiment runs or when it is out of range). */
  setLiveRun(index: number, run: TrainingState): void;
  setSequential(on: boolean): void;
}

/** Creates the runs view store, on the Metrics tab with nothing picked. */
export function createRunsViewStore(): StoreApi<RunsViewState> {
  return createStore<RunsViewState>()((set, get) => ({
    tab: 'metrics',
    selected: [],
    experiment: null,
    liveRuns: [],
    liveVersion: 0,
    sequential: false,
    setTab: (tab) => set({ tab }),
    toggle(id, on) {
      const rest = get().selected.filter((s) => s !== id);
      set({ selected: on ? [...rest, id] : rest });
    },
    select: (ids) => set({ selected: [...ids] }),
    // A new experiment (or none) starts with no live series.
    setExperiment: (experiment) =>
      set((s) => ({
        experiment,
        liveRuns: experiment ? experiment.variants.map(() => null) : [],
        liveVersion: s.liveVersion + 1,
      })),
    updateVariant(index, patch) {
      const e = get().experiment;
      const v = e?.variants[index];
      if (!e || !v) return;
      const variants = e.variants.map((x, i) => (i === index ? { ...x, ...patch } : x));
      set({ experiment: { ...e, variants } });
    },
    cancelExperiment() {
      const e = get().experiment;
      if (e && !e.cancelRequested) set({ experiment: { ...e, cancelRequested: true } });
    },
    setLiveRun(index, run) {
      const { experiment, liveRuns, liveVersion } = get();
      if (!experiment || index < 0 || index >= liveRuns.length) return;
      set({ liveRuns: liveRuns.map((r, i) => (i === index ? run : r)), liveVersion: liveVersion + 1 });
    },
    setSequential: (sequential) => set({ sequential }),
  }));
}
