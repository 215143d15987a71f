import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores, useTraining } from '../state/stores';
import { accuracyData, lossData } from './chart-data';
import { DataTables } from './DataTables';
import { LineChart } from './LineChart';

/** Series colours (canvas drawing needs concrete colours, not CSS variables). */
const COLORS = { loss: '#d9480f', accuracy: '#1c7ed6', test: '#2b8a3e' } as const;

/** Live loss and accuracy charts, with a "Show data" toggle for the same numbers as tables. */
export function MetricsCharts() {
  const { t } = useTranslation();
  const stores = useStores();
  const version = useTraining((s) => s.run.version);
  const hasData = useTraining((s) => s.run.batches.step.length > 0 || s.run.phase !== 'idle');
  const [showData, setShowData] = useState(false);
  const run = () => stores.training.getState().run;
  return (
    <div className="metrics">
      {!hasData && <p className="panel__empty">{t('ui.chart.empty')}</p>}
      {hasData && (
        <LineChart
          label={t('ui.chart.lossTitle')}
          xLabel={t('ui.chart.step')}
          series={[{ label: t('ui.chart.loss'), stroke: COLORS.loss }]}
          getData={() => lossData(run().batches)}
          version={version}
          height={130}
        />
      )}
      {hasData && (
        <LineChart
          label={t('ui.chart.accuracyTitle')}
          xLabel={t('ui.chart.step')}
          series={[
            { label: t('ui.chart.accuracy'), stroke: COLORS.accuracy },
            { label: t('ui.chart.testAccuracy'), stroke: COLORS.test, points: true },
          ]}
          getData={() => accuracyData(run().batches, run().epochRows)}
          version={version}
          height={130}
          yRange={[0, 1]}
        />
      )}
      <button
        type="button"
        className="button button--toggle"
        aria-pressed={showData}
        onClick={() => setShowData((v) => !v)}
      >
        {t('ui.chart.showData')}
      </button>
      {showData && <DataTables />}
    </div>
  );
}
