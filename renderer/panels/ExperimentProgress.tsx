import { useTranslation } from 'react-i18next';
import { useRunsView, useStores } from '../state/stores';

/**
 * The running experiment: one progress bar per variant (several fill at once when the
 * variants train side by side), how many train at once, and Cancel, which stops them all.
 */
export function ExperimentProgress() {
  const { t } = useTranslation();
  const stores = useStores();
  const progress = useRunsView((s) => s.experiment);
  if (!progress) return null;
  const running = progress.variants.filter((v) => v.status === 'running').length;
  const name = t(`ui.experiment.kind.${progress.kind}`);
  return (
    <div className="experiment__progress">
      <p className="experiment__status" role="status">
        {t('ui.experiment.running', {
          name,
          running,
          total: progress.variants.length,
          parallel: progress.parallel,
        })}
      </p>
      <ul className="experiment__variants" aria-label={t('ui.experiment.variants')}>
        {progress.variants.map((v, i) => (
          <li key={i} className={`experiment__variant experiment__variant--${v.status}`}>
            <span className="experiment__variant-label">
              {v.label} · {t(`ui.experiment.status.${v.status}`)}
            </span>
            {v.status === 'running' && (
              <div
                className="progress"
                role="progressbar"
                aria-label={t('ui.experiment.variantProgress', { name: v.label })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(v.fraction * 100)}
              >
                <div className="progress__fill" style={{ width: `${v.fraction * 100}%` }} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--small"
        disabled={progress.cancelRequested}
        onClick={() => stores.runs.getState().cancelExperiment()}
      >
        {t('ui.experiment.cancel')}
      </button>
    </div>
  );
}
