import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { setTraining } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import {
  LAYER_CHARTS,
  type CompareWhat,
  type DocumentPatch,
  type LessonAction,
} from '../../src/lessons/schema';
import { ok } from '../../src/util/result';
import { useFitView } from '../canvas/use-arrange';
import { useTrainingActions } from '../panels/use-training-actions';
import { isLive } from '../state/training-reducer';
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

/** The result row of the run that just ended. */
function resultOf(stores: AppStores, label: string): LessonRunRow {
  const run = stores.training.getState().run;
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

/** The runs a compare step makes, one after another. */
function planCompare(
  what: CompareWhat,
  size: { epochs: number; limit: number },
  title: (id: string) => string,
  lrLabel: (lr: number) => string,
): PlannedRun[] {
  if (what === 'with-without-bn')
    return ['lenet', 'lenet-bn'].map((id) => ({ label: title(id), open: id, ...size }));
  if ('lrs' in what) return what.lrs.map((lr) => ({ label: lrLabel(lr), open: null, lr, ...size }));
  return what.templates.map((id) => ({ label: title(id), open: id, ...size }));
}

/**
 * The lesson panel's actions: open a network, train it, train several one after another
 * (compare), and point at a chart. Runs go through the Training panel's own actions, with
 * the lesson's limits; leaving the step cancels what is left of a compare.
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
    const openDoc = (what: string | DocumentPatch): boolean => {
      const r = lessonDocument(templates, what);
      if (!r.ok) {
        stores.session.getState().notify('ui.lesson.openFailed', { message: r.error }, 'error');
        return false;
      }
      const doc: Doc = r.value;
      stores.document.getState().apply(() => ok(doc));
      stores.session.getState().select({ nodes: [], edges: [] });
      requestAnimationFrame(fit);
      return true;
    };
    /** Trains the open network with a run's settings; the row of its result, or null when cancelled. */
    const trainOne = async (run: PlannedRun, generation: number): Promise<LessonRunRow | null> => {
      const ls = lessons.getState();
      if (run.open !== null && !openDoc(run.open))
        return { ...resultOf(stores, run.label), outcome: 'refused' };
      stores.document.getState().apply((d) =>
        setTraining(d, {
          epochs: run.epochs,
          trainLimit: ls.trainExamples ?? run.limit,
          ...(run.lr !== undefined && { learningRate: run.lr }),
        }),
      );
      const started = training.startWith({ maxTestExamples: ls.testExamples ?? DEFAULT_TEST_EXAMPLES });
      if (!started) return { ...resultOf(stores, run.label), outcome: 'refused' };
      await runEnded(stores);
      if (lessons.getState().generation !== generation) return null;
      return resultOf(stores, run.label);
    };
    const trainAll = async (runs: PlannedRun[]): Promise<void> => {
      const generation = lessons.getState().generation;
      const rows: LessonRunRow[] = [];
      lessons.getState().set({ results: [] });
      for (const [index, run] of runs.entries()) {
        lessons
          .getState()
          .set({ activity: { kind: 'training', label: run.label, index, count: runs.length } });
        const row = await trainOne(run, generation);
        if (row === null) return;
        rows.push(row);
        lessons.getState().set({ results: [...rows] });
      }
      lessons.getState().set({ activity: { kind: 'idle' } });
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
          void trainAll([{ label: name, open: null, ...action.train }]);
        } else if ('compare' in action) {
          const size = { epochs: action.epochs, limit: action.limit };
          void trainAll(planCompare(action.compare, size, title, (lr) => t('ui.lesson.lrVariant', { lr })));
        } else {
          const layerTab = (LAYER_CHARTS as readonly string[]).includes(action.highlight);
          stores.runs.getState().setTab(layerTab ? 'layers' : 'metrics');
          lessons
            .getState()
            .set({ highlight: { chart: action.highlight, ...(action.layer && { layer: action.layer }) } });
          if (action.layer) stores.session.getState().select({ nodes: [action.layer], edges: [] });
        }
      },
      /** Stops the run in progress and cancels what is left of the step. */
      stop(): void {
        lessons.getState().goTo(lessons.getState().step);
        if (isLive(stores.training.getState().run.phase)) training.stop();
      },
    };
  }, [t, stores, lessons, training, fit]);
}
