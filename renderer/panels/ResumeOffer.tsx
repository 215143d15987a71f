import { useTranslation } from 'react-i18next';
import { useRunCheckpoint } from './use-run-checkpoint';

/**
 * "Resume run — epoch k of N" and "Discard" for an unfinished run of this project kept
 * from an earlier session. A checkpoint whose network or dataset changed since is shown
 * with the reason and cannot be resumed.
 */
export function ResumeOffer() {
  const { t } = useTranslation();
  const { offer, resume, discard } = useRunCheckpoint();
  if (offer === null) return null;
  const { record, status } = offer;
  const stale = status.kind === 'stale';
  const note = stale
    ? t(`ui.training.resumeOffer.stale.${status.why}`)
    : status.configChanged
      ? t('ui.training.resumeOffer.settingsChanged')
      : null;
  return (
    <div
      className={`resume-offer${stale ? ' resume-offer--stale' : ''}`}
      role="group"
      aria-labelledby="resume-offer-title"
      aria-describedby="resume-offer-body"
    >
      <p id="resume-offer-title" className="resume-offer__title">
        {t('ui.training.resumeOffer.title')}
      </p>
      <p id="resume-offer-body">
        {t('ui.training.resumeOffer.body', {
          epoch: record.epoch,
          epochs: record.epochs,
          next: record.epoch + 1,
        })}
      </p>
      {note && (
        <p id="resume-offer-note" className="resume-offer__note">
          {note}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={stale}
          aria-describedby={note ? 'resume-offer-note' : undefined}
          onClick={resume}
        >
          {t('ui.training.resumeOffer.resume', { epoch: record.epoch, epochs: record.epochs })}
        </button>
        <button type="button" className="button" onClick={discard}>
          {t('ui.training.resumeOffer.discard')}
        </button>
      </div>
    </div>
  );
}
