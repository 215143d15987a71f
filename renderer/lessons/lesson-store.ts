import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  LESSON_CONTROLS,
  type Lesson,
  type LessonChart,
  type LessonControl,
  type LessonStep,
} from '../../src/lessons/schema';

/** One finished run of a compare step (or the run a train step made). */
export interface LessonRunRow {
  /** What was trained (a template title, or "learning rate 0.1"). */
  label: string;
  /** How the run ended: finished, stopped, failed, or refused (did not compile). */
  outcome: 'completed' | 'stopped' | 'failed' | 'refused';
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Test accuracy in training mode (NaN where the model has no batch norm to differ). */
  testAccuracyTrainingMode: number;
}

/** A chart a step points at, with the layer whose charts to show. */
export interface LessonHighlight {
  chart: LessonChart;
  layer?: string;
}

/** What the lesson panel shows while an action works. */
export type LessonActivity =
  { kind: 'idle' } | { kind: 'training'; label: string; index: number; count: number };

/** The lessons view: the open lesson and step, presenter mode, the highlighted chart and the step's results. */
export interface LessonState {
  lesson: Lesson | null;
  step: number;
  presenter: boolean;
  highlight: LessonHighlight | null;
  activity: LessonActivity;
  /** Results of the current step's runs, in order. */
  results: readonly LessonRunRow[];
  /** Caps on a lesson run set in the panel (null: the step's own limit, and DEFAULT_TEST_EXAMPLES). */
  trainExamples: number | null;
  testExamples: number | null;
  /** Bumped to cancel a running action (closing the lesson, another step). */
  generation: number;
  open(lesson: Lesson): void;
  close(): void;
  goTo(step: number): void;
  setPresenter(on: boolean): void;
  set(
    patch: Partial<
      Pick<LessonState, 'highlight' | 'activity' | 'results' | 'trainExamples' | 'testExamples'>
    >,
  ): void;
}

/** Test examples a lesson run evaluates unless the panel says otherwise (quick, yet not noisy). */
export const DEFAULT_TEST_EXAMPLES = 2000;

/** Creates the lessons store; `presenter` from the launch URL (?presenter). */
export function createLessonStore(presenter = false): StoreApi<LessonState> {
  return createStore<LessonState>()((set, get) => ({
    lesson: null,
    step: 0,
    presenter,
    highlight: null,
    activity: { kind: 'idle' },
    results: [],
    trainExamples: null,
    testExamples: null,
    generation: 0,
    open: (lesson) =>
      set({
        lesson,
        step: 0,
        highlight: null,
        results: [],
        activity: { kind: 'idle' },
        generation: get().generation + 1,
      }),
    close: () =>
      set({
        lesson: null,
        step: 0,
        highlight: null,
        results: [],
        activity: { kind: 'idle' },
        generation: get().generation + 1,
      }),
    goTo: (step) => {
      const n = get().lesson?.steps.length ?? 0;
      if (step < 0 || step >= n) return;
      set({
        step,
        highlight: null,
        results: [],
        activity: { kind: 'idle' },
        generation: get().generation + 1,
      });
    },
    setPresenter: (on) => set({ presenter: on }),
    set: (patch) => set(patch),
  }));
}

/**
 * Which panels and control groups are visible at a step: everything but what it hides,
 * or in presenter mode only what it shows. Without a lesson, everything.
 */
export function visibleControls(step: LessonStep | null, presenter: boolean): ReadonlySet<LessonControl> {
  if (!step) return new Set(LESSON_CONTROLS);
  const shown = new Set<LessonControl>(presenter ? [] : LESSON_CONTROLS);
  for (const c of step.show) shown.add(c);
  for (const c of step.hide) shown.delete(c);
  return shown;
}
