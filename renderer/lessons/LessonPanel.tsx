import { useTranslation } from 'react-i18next';
import type { LessonAction } from '../../src/lessons/schema';
import { fmtNumber } from '../charts/InsightChart';
import { isLive } from '../state/training-reducer';
import { useTraining } from '../state/stores';
import { LessonRunSize } from './LessonRunSize';
import { LessonText } from './LessonText';
import { useLesson, useLessonStore } from './lesson-context';
import type { LessonRunRow } from './lesson-store';
import { useLessonActions } from './use-lesson-actions';

/** The label of a step's action button. */
function useActionLabel(): (a: LessonAction) => string {
  const { t } = useTranslation();
  return (a) => {
    if ('open' in a)
      return t('ui.lesson.open', {
        title: t(`template.${typeof a.open === 'string' ? a.open : a.open.template}.title`),
      });
    if ('train' in a) return t('ui.lesson.train', { count: a.train.epochs });
    if ('compare' in a) return t('ui.lesson.compare');
    return t('ui.lesson.highlight');
  };
}

/** The results of the step's runs as a table. */
function ResultsTable({ rows }: { rows: readonly LessonRunRow[] }) {
  const { t } = useTranslation();
  const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '–');
  return (
    <table className="data-table lesson__results">
      <caption>{t('ui.lesson.resultsCaption', { count: rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.lesson.variant')}</th>
          <th scope="col">{t('ui.table.loss')}</th>
          <th scope="col">{t('ui.table.accuracy')}</th>
          <th scope="col">{t('ui.table.testAccuracy')}</th>
          <th scope="col">{t('ui.table.testAccuracyTrainingMode')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">
              {r.outcome === 'completed' ? r.label : t(`ui.lesson.outcome.${r.outcome}`, { label: r.label })}
            </th>
            <td>{fmtNumber(r.trainLoss)}</td>
            <td>{pct(r.trainAccuracy)}</td>
            <td>{pct(r.testAccuracy)}</td>
            <td>{pct(r.testAccuracyTrainingMode)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The open lesson: its step text, the step's action, results, Back/Next and presenter mode. */
export function LessonPanel() {
  const { t } = useTranslation();
  const store = useLessonStore();
  const lesson = useLesson((s) => s.lesson);
  const stepIndex = useLesson((s) => s.step);
  const presenter = useLesson((s) => s.presenter);
  const activity = useLesson((s) => s.activity);
  const results = useLesson((s) => s.results);
  const live = useTraining((s) => isLive(s.run.phase));
  const actions = useLessonActions();
  const actionLabel = useActionLabel();
  if (!lesson) return null;
  const step = lesson.steps[stepIndex]!;
  const n = lesson.steps.length;
  const busy = activity.kind === 'training' || live;
  const go = (i: number) => {
    if (busy) actions.stop();
    store.getState().goTo(i);
  };
  const close = () => {
    if (activity.kind === 'training') actions.stop();
    store.getState().close();
  };
  return (
    <aside className="lesson panel" aria-labelledby="lesson-title">
      <div className="lesson__inner">
        <div className="lesson__head">
          <h2 id="lesson-title" className="lesson__title">
            {t(lesson.title)}
          </h2>
          <button type="button" className="button button--small" onClick={close}>
            {t('ui.lesson.close')}
          </button>
        </div>
        <p className="lesson__progress" aria-live="polite">
          {t('ui.lesson.progress', { step: stepIndex + 1, count: n })}
        </p>
        <h3 className="lesson__step-title">{t(step.title)}</h3>
        <LessonText text={t(step.text)} />
        {step.action && (
          <button
            type="button"
            className="button button--primary lesson__action"
            disabled={busy && !('highlight' in step.action)}
            onClick={() => step.action && actions.run(step.action)}
          >
            {actionLabel(step.action)}
          </button>
        )}
        {activity.kind === 'training' && (
          <p className="lesson__status" role="status">
            {t(activity.count > 1 ? 'ui.lesson.comparing' : 'ui.lesson.training', {
              label: activity.label,
              index: activity.index + 1,
              count: activity.count,
            })}{' '}
            <button type="button" className="button button--small" onClick={actions.stop}>
              {t('ui.lesson.stop')}
            </button>
          </p>
        )}
        {results.length > 0 && <ResultsTable rows={results} />}
        {step.action && ('train' in step.action || 'compare' in step.action) && (
          <LessonRunSize action={step.action} />
        )}
        <nav className="lesson__nav" aria-label={t('ui.lesson.navigation')}>
          <button
            type="button"
            className="button"
            disabled={stepIndex === 0}
            onClick={() => go(stepIndex - 1)}
          >
            {t('ui.lesson.back')}
          </button>
          <button
            type="button"
            className="button"
            disabled={stepIndex === n - 1}
            onClick={() => go(stepIndex + 1)}
          >
            {t('ui.lesson.next')}
          </button>
          <button
            type="button"
            className="button button--toggle"
            aria-pressed={presenter}
            onClick={() => store.getState().setPresenter(!presenter)}
          >
            {t('ui.lesson.presenter')}
          </button>
        </nav>
      </div>
    </aside>
  );
}
