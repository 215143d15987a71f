import { useTranslation } from 'react-i18next';
import { datasetInfo, datasetTask } from '../../src/graph/datasets';
import type { DatasetRef } from '../../src/graph/document';
import { DecisionBoundary } from '../charts/DecisionBoundary';
import { FitView } from '../charts/FitView';
import { SurfaceView } from '../charts/SurfaceView';
import { useDocument } from '../state/stores';
import { ChartTabs } from './ChartTabs';
import { DatasetPanel } from './DatasetPanel';
import { ExperimentMenu } from './ExperimentMenu';
import { ResumeOffer } from './ResumeOffer';
import { TrainingControls } from './TrainingControls';
import { TrainingProgress } from './TrainingProgress';
import { TrainingSettings } from './TrainingSettings';

/** Whether a dataset gets the decision-boundary view: a 2D classification set. */
const hasBoundaryView = (ref: DatasetRef): boolean => {
  const info = datasetInfo(ref);
  return datasetTask(ref) === 'classification' && info?.inputShape.length === 1 && info.inputShape[0] === 2;
};

/** Whether a dataset gets the fit view: a regression set with one input. */
const hasFitView = (ref: DatasetRef): boolean => {
  const info = datasetInfo(ref);
  return datasetTask(ref) === 'regression' && info?.inputShape.length === 1 && info.inputShape[0] === 1;
};

/** Whether a dataset gets the surface view: a regression set with two inputs. */
const hasSurfaceView = (ref: DatasetRef): boolean => {
  const info = datasetInfo(ref);
  return datasetTask(ref) === 'regression' && info?.inputShape.length === 1 && info.inputShape[0] === 2;
};

/** The training region: dataset, settings, a stored run to resume, controls, progress and live charts. */
export function TrainingPanel() {
  const { t } = useTranslation();
  const dataset = useDocument((s) => s.doc.dataset);
  return (
    <section className="training panel" aria-labelledby="training-title">
      <h2 id="training-title" className="panel__title">
        {t('ui.training.title')}
      </h2>
      <DatasetPanel />
      <TrainingSettings />
      <ResumeOffer />
      <TrainingControls />
      <ExperimentMenu />
      <TrainingProgress />
      {hasBoundaryView(dataset) && <DecisionBoundary />}
      {hasFitView(dataset) && <FitView />}
      {hasSurfaceView(dataset) && <SurfaceView />}
      <ChartTabs />
    </section>
  );
}
