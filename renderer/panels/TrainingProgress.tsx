import { useTranslation } from 'react-i18next';
import { failureText } from '../diag-text';
import { useTraining } from '../state/stores';
import { pickText } from './backend-view';
import { formatDuration, progressOf, statusKey } from './training-view';

/** The progress bar, the backend in use and the run's status or failure. */
export function TrainingProgress() {
  const { t, i18n } = useTranslation();
  const run = useTraining((s) => s.run);
  const p = progressOf(run);
  const text = t('ui.training.progressText', {
    epoch: p.epoch,
    epochs: p.epochs,
    batch: p.batch,
    batches: p.batches,
    speed: Math.round(p.examplesPerSec).toLocaleString(i18n.language),
    eta: p.secondsLeft === null ? t('ui.training.unknownTime') : formatDuration(p.secondsLeft),
  });
  const status = statusKey(run);
  const started = run.batchesPerEpoch > 0;
  return (
    <div className="training-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={t('ui.training.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={p.max}
        aria-valuenow={p.value}
        aria-valuetext={started ? text : undefined}
      >
        <div className="progress__fill" style={{ width: `${(100 * p.value) / p.max}%` }} />
      </div>
      {started && <p className="training-progress__text">{text}</p>}
      {status && <p className="training-progress__status">{t(status)}</p>}
      {run.backend && (
        <p className="training-progress__backend">
          {t('ui.training.backend', { backend: run.backend })}
          {run.pick ? (
            <span className="training-progress__reason" title={run.reason ?? undefined}>
              {` (${pickText(run.pick, t, (n) => Math.round(n).toLocaleString(i18n.language))})`}
            </span>
          ) : (
            run.reason && <span className="training-progress__reason">{` · ${run.reason}`}</span>
          )}
        </p>
      )}
      {run.failure && (
        <p role="alert" className="alert">
          {t('ui.training.failed', { message: failureText(t, run.failure) })}
        </p>
      )}
    </div>
  );
}
