import { useTranslation } from 'react-i18next';
import type { DatasetRef } from '../../src/graph/document';
import { useDocument } from '../state/stores';
import { ChartTabs } from './ChartTabs';
import { ResumeOffer } from './ResumeOffer';
import { TrainingControls } from './TrainingControls';
import { TrainingProgress } from './TrainingProgress';
import { TrainingSettings } from './TrainingSettings';

/** The catalog key or the name of a dataset, for display. */
const datasetLabel = (ref: DatasetRef, t: (key: string) => string): string =>
  ref.kind === 'builtin' ? t(`dataset.${ref.id}`) : ref.name;

/** The training region: dataset, settings, a stored run to resume, controls, progress and live charts. */
export function TrainingPanel() {
  const { t } = useTranslation();
  const dataset = useDocument((s) => s.doc.dataset);
  return (
    <section className="training panel" aria-labelledby="training-title">
      <h2 id="training-title" className="panel__title">
        {t('ui.training.title')}
      </h2>
      <p className="training__dataset">
        <span className="training__dataset-label">{t('ui.training.dataset')}</span>{' '}
        <strong>{datasetLabel(dataset, t)}</strong>
      </p>
      <TrainingSettings />
      <ResumeOffer />
      <TrainingControls />
      <TrainingProgress />
      <ChartTabs />
    </section>
  );
}
