import { useState } from 'react';
import type uPlot from 'uplot';
import { useTranslation } from 'react-i18next';
import { useStores, useTraining } from '../state/stores';
import { DataTables } from './DataTables';
import { INSIGHT_TABLE_ROWS, InsightChart } from './InsightChart';
import { accuracySeries, alignedRows, lossSeries, lrSeries, type LrSource } from './metric-chart-data';

/** Series colours (canvas drawing needs concrete colours, not CSS variables); raw traces are faint. */
const COLORS = {
  loss: '#d9480f',
  lossRaw: 'rgba(217, 72, 15, 0.25)',
  accuracy: '#1c7ed6',
  accuracyRaw: 'rgba(28, 126, 214, 0.25)',
  test: '#2b8a3e',
  testTrainingMode: '#ae3ec9',
  lr: '#5f3dc4',
} as const;

/** The switch between a linear and a log y axis of the loss chart. */
function LogSwitch({ on, onChange, title }: { on: boolean; onChange(v: boolean): void; title: string }) {
  const { t } = useTranslation();
  return (
    <label className="insight__switch">
      <input
        type="checkbox"
        checked={on}
        aria-label={t('ui.chart.logScaleLabel', { title })}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span aria-hidden="true">{t('ui.chart.logScale')}</span>
    </label>
  );
}

/** What the learning-rate chart needs, read from the store when it draws. */
function useLrSource(): () => LrSource | null {
  const stores = useStores();
  return () => {
    const { origin, run, lrChanges } = stores.training.getState();
    if (!origin) return null;
    const c = origin.config;
    return {
      baseLr: c.learningRate,
      schedule: c.schedule,
      totalSteps: run.epochs * run.batchesPerEpoch,
      batchesPerEpoch: run.batchesPerEpoch,
      changes: lrChanges,
    };
  };
}

/**
 * Live loss, accuracy and learning-rate charts: per batch (smoothed, raw trace faint), the
 * held-out accuracy per epoch in prediction and training mode. Each chart exports PNG and
 * CSV and shows its numbers as a table; "Show data" below shows the batch and epoch tables.
 */
export function MetricsCharts() {
  const { t } = useTranslation();
  const stores = useStores();
  const version = useTraining((s) => s.run.version);
  const hasData = useTraining((s) => s.run.batches.step.length > 0 || s.run.phase !== 'idle');
  const [showData, setShowData] = useState(false);
  const [logLoss, setLogLoss] = useState(false);
  const lrSource = useLrSource();
  const run = () => stores.training.getState().run;
  const lossTitle = t('ui.chart.lossTitle');
  const accTitle = t('ui.chart.accuracyTitle');
  const lrTitle = t('ui.chart.lrTitle');
  const step = t('ui.chart.step');
  const lossLabels = [t('ui.chart.lossRaw'), t('ui.chart.loss')];
  const accLabels = [
    t('ui.chart.accuracyRaw'),
    t('ui.chart.accuracy'),
    t('ui.chart.testAccuracy'),
    t('ui.chart.testAccuracyTrainingMode'),
  ];
  const caption = (title: string) => (count: number) => t('ui.chart.caption', { title, count });
  const lrData = (): uPlot.AlignedData => {
    const src = lrSource();
    return src ? lrSeries(run().batches.step, src) : [new Float64Array(0), new Float64Array(0)];
  };
  return (
    <div className="metrics">
      {!hasData && <p className="panel__empty">{t('ui.chart.empty')}</p>}
      {hasData && (
        <InsightChart
          title={lossTitle}
          chartId="loss"
          xLabel={step}
          series={[
            { label: lossLabels[0]!, stroke: COLORS.lossRaw, width: 1 },
            { label: lossLabels[1]!, stroke: COLORS.loss, width: 2 },
          ]}
          yScale={logLoss ? 'log' : 'zero'}
          getData={() => lossSeries(run().batches)}
          version={version}
          height={140}
          controls={<LogSwitch on={logLoss} onChange={setLogLoss} title={lossTitle} />}
          table={{
            keyHeader: step,
            columns: lossLabels,
            rows: () => alignedRows(lossSeries(run().batches), INSIGHT_TABLE_ROWS),
            caption: caption(lossTitle),
          }}
        />
      )}
      {hasData && (
        <InsightChart
          title={accTitle}
          chartId="accuracy"
          xLabel={step}
          series={[
            { label: accLabels[0]!, stroke: COLORS.accuracyRaw, width: 1 },
            { label: accLabels[1]!, stroke: COLORS.accuracy, width: 2 },
            { label: accLabels[2]!, stroke: COLORS.test, points: true },
            { label: accLabels[3]!, stroke: COLORS.testTrainingMode, points: true },
          ]}
          getData={() => accuracySeries(run().batches, run().epochRows)}
          version={version}
          height={140}
          yRange={[0, 1]}
          table={{
            keyHeader: step,
            columns: accLabels,
            rows: () => alignedRows(accuracySeries(run().batches, run().epochRows), INSIGHT_TABLE_ROWS),
            caption: caption(accTitle),
          }}
        />
      )}
      {hasData && (
        <InsightChart
          title={lrTitle}
          chartId="learning-rate"
          xLabel={step}
          series={[{ label: t('ui.chart.lr'), stroke: COLORS.lr }]}
          getData={lrData}
          version={version}
          height={100}
          table={{
            keyHeader: step,
            columns: [t('ui.chart.lr')],
            rows: () => alignedRows(lrData(), INSIGHT_TABLE_ROWS),
            caption: caption(lrTitle),
          }}
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
