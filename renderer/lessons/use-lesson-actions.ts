import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { setTraining } from '../../src/graph/commands';
import type { Doc, RunExperiment } from '../../src/graph/document';
import {
  LAYER_CHARTS,
  type CompareWhat,
  type DocumentPatch,
  type LessonAction,
} from '../../src/lessons/schema';
import { ok } from '../../src/util/result';
import { useFitView } from '../canvas/use-arrange';
import { useTrainingActions } from '../panels/use-training-actions';
import { runVariants, type VariantPlan, type VariantResult } from '../state/experiment-runner';
import { isLive, type TrainingState } from '../state/training-reducer';
import { useStores, type AppStores } from '../state/stores';
import { bundledTemplates, lessonDocument } from './lesson-catalog';
import { useLessonStore } from './lesson-context';
import { DEFAULT_TEST_EXAMPLES, type LessonRunRow } from './lesson-store';

/** A run of a train or compare step: what to open (if anything), and the settings. */
interface PlannedRun {
  label: string;
  open: string | DocumentPatch | null;
  epochs: number;
  limit: number;
  lr?: number;
  /** The experiment kind and variant a compare run is recorded as (its id is the step's). */
  tag?: Omit<RunExperiment, 'id'>;
}

/** Resolves when the current run has ended (or at once when none is live). */
function runEnded(stores: AppStores): Promise<void> {
  return new Promise((resolve) => {
    const done = () => !isLive(stores.training.getState().run.phase);
    if (done()) return resolve();
    const off = stores.training.subscribe(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
}

/** The result row of an ended run. */
function rowOf(run: TrainingState, label: string): LessonRunRow {
  const last = run.epochRows.at(-1);
  const outcome =
    run.phase === 'failed' ? 'failed' : run.finishReason === 'stopped' ? 'stopped' : 'completed';
  return {
    label,
    outcome,
    trainLoss: last?.train.loss ?? NaN,
    trainAccuracy: last?.train.accuracy ?? NaN,
    testAccuracy: last?.test.accuracy ?? NaN,
    testAccuracyTrainingMode: last?.testTrainingMode?.accuracy ?? NaN,
  };
}

/** The row of a run that never trained (refused, or cancelled before it started). */
const emptyRow = (label: string, outcome: LessonRunRow['outcome']): LessonRunRow => ({
  label,
  outcome,
  trainLoss: NaN,
  trainAccuracy: NaN,
  testAccuracy: NaN,
  testAccuracyTrainingMode: NaN,
});

/** The result row of a compare variant. */
function variantRow(r: VariantResult): LessonRunRow {
  if (!r.run) return emptyRow(r.label, r.outcome);
  return { ...rowOf(r.run, r.label), ...(r.outcome === 'failed' && { outcome: 'failed' as const }) };
}

/** A new comparison id (random where available). */
const newId = (): string => globalThis.crypto?.randomUUID?.() ?? `compare-${Date.now().toString(36)}`;

/** The runs a compare step makes, each tagged for the run history where it is a known experiment. */
function planCompare(
  what: CompareWhat,
  size: { epochs: number; limit: number },
  title: (id: string) => string,
  lrLabel: (lr: number) => string,
): PlannedRun[] {
  if (what === 'with-without-bn') {
    const variants = { lenet: 'without-bn', 'lenet-bn': 'with-bn' } as const;
    return (['lenet', 'lenet-bn'] as const).map((id) => ({
      label: title(id),
      open: id,
      ...size,
      tag: { kind: 'batch-norm', variant: variants[id] },
    }));
  }
  if ('lrs' in what)
    return what.lrs.map((lr) => ({
      label: lrLabel(lr),
      open: null,
      lr,
      ...size,
      tag: { kind: 'lr-ladder', variant: 'lr' },
    }));
  return what.templates.map((id) => ({ label: title(id), open: id, ...size }));
}

/**
 * The lesson panel's actions: open a network, train it, compare several (through the
 * experiment runner, side by side on several cores), and point at a chart. A train step
 * goes through the Training panel's own actions; every run takes the lesson's limits.
 * Leaving the step cancels what is left of a run or comparison.
 */
export function useLessonActions() {
  const { t } = useTranslation();
  const stores = useStores();
  const lessons = useLessonStore();
  const training = useTrainingActions();
  const fit = useFitView();
  return useMemo(() => {
    const templates = bundledTemplates();
    const title = (id: string) => t(`template.${id}.title`);
    const showDoc = (doc: Doc): void => {
      stores.document.getState().apply(() => ok(doc));
      stores.session.getState().select({ nodes: [], edges: [] });
      requestAnimationFrame(fit);
    };
    const openDoc = (what: string | DocumentPatch): boolean => {
      const r = lessonDocument(templates, what);
      if (!r.ok) {
        stores.session.getState().notify('ui.lesson.openFailed', { message: r.error }, 'error');
        return false;
      }
      showDoc(r.value);
      return true;
    };
    /** A planned run's training settings, with the lesson panel's run size. */
    const patchOf = (run: PlannedRun) => ({
      epochs: run.epochs,
      trainLimit: lessons.getState().trainExamples ?? run.limit,
      ...(run.lr !== undefined && { learningRate: run.lr }),
    });
    /** The document a compare run trains: its template (or the open network) with the run's settings. */
    const docOf = (run: PlannedRun): Doc | null => {
      const base =
        run.open === null ? ok(stores.document.getState().doc) : lessonDocument(templates, run.open);
      if (!base.ok) {
        stores.session.getState().notify('ui.lesson.openFailed', { message: base.error }, 'error');
        return null;
      }
      const r = setTraining(base.value, patchOf(run));
      return r.ok ? r.value : null;
    };
    const testLimit = () => ({ maxTestExamples: lessons.getState().testExamples ?? DEFAULT_TEST_EXAMPLES });
    const showTraining = (label: string, count: number) =>
      lessons.getState().set({ results: [], activity: { kind: 'training', label, index: 0, count } });
    /** Trains the open network once (a train step). */
    const trainOne = async (run: PlannedRun): Promise<void> => {
      const generation = lessons.getState().generation;
      showTraining(run.label, 1);
      stores.document.getState().apply((d) => setTraining(d, patchOf(run)));
      const started = training.startWith(testLimit());
      if (started) await runEnded(stores);
      if (lessons.getState().generation !== generation) return;
      const row = started ? rowOf(stores.training.getState().run, run.label) : emptyRow(run.label, 'refused');
      lessons.getState().set({ results: [row], activity: { kind: 'idle' } });
    };
    /** Trains a compare step's runs through the experiment runner; the rows come in the step's order. */
    const compare = async (runs: PlannedRun[]): Promise<void> => {
      const generation = lessons.getState().generation;
      const id = newId();
      showTraining(runs.map((r) => r.label).join(', '), runs.length);
      const docs = runs.map(docOf);
      const ready = runs.flatMap((run, i) => {
        const doc = docs[i];
        return doc ? [{ run, doc }] : [];
      });
      const variants: VariantPlan[] = ready.map(({ run, doc }) => ({
        label: run.label,
        doc,
        ...(run.tag && { experiment: { id, ...run.tag } }),
      }));
      const end = await runVariants(stores, variants, {
        id,
        kind: 'compare',
        limits: testLimit(),
        // The canvas shows the network whose run the charts show live.
        onMainStart: (i) => {
          const v = ready[i];
          if (v && v.run.open !== null && lessons.getState().generation === generation) showDoc(v.doc);
        },
      });
      if (lessons.getState().generation !== generation) return;
      let k = 0;
      const rows = runs.map((run, i) =>
        docs[i] ? variantRow(end.results[k++]!) : emptyRow(run.label, 'refused'),
      );
      lessons.getState().set({ results: rows, activity: { kind: 'idle' } });
    };
    return {
      /** Opens the lesson's starting network. */
      openProject: (what: string | DocumentPatch) => openDoc(what),
      /** Runs a step's action. */
      run(action: LessonAction): void {
        if ('open' in action) {
          openDoc(action.open);
        } else if ('train' in action) {
          const name = stores.document.getState().doc.name;
          void trainOne({ label: name, open: null, ...action.train });
        } else if ('compare' in action) {
          const size = { epochs: action.epochs, limit: action.limit };
          void compare(planCompare(action.compare, size, title, (lr) => t('ui.lesson.lrVariant', { lr })));
        } else {
          const layerTab = (LAYER_CHARTS as readonly string[]).includes(action.highlight);
          stores.runs.getState().setTab(layerTab ? 'layers' : 'metrics');
          lessons
            .getState()
            .set({ highlight: { chart: action.highlight, ...(action.layer && { layer: action.layer }) } });
          if (action.layer) stores.session.getState().select({ nodes: [action.layer], edges: [] });
        }
      },
      /** Stops the run or comparison in progress and cancels what is left of the step. */
      stop(): void {
        lessons.getState().goTo(lessons.getState().step);
        stores.runs.getState().cancelExperiment();
        if (isLive(stores.training.getState().run.phase)) training.stop();
      },
    };
  }, [t, stores, lessons, training, fit]);
}
