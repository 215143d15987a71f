import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { useTranslation } from 'react-i18next';
import { useDocument, useStores, useTraining } from '../state/stores';
import { DataTables } from './DataTables';
import { findingMarkers } from './finding-markers';
import { INSIGHT_TABLE_ROWS, InsightChart } from './InsightChart';
import { accuracySeries, alignedRows, lossSeries, lrSeries, type LrSource } from './metric-chart-data';
import { METRIC_KEYS, metricRange } from './metric-labels';

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

/** The run's findings as chart markers, and what picking one does (select its layer). */
function useFindingMarkers() {
  const { t } = useTranslation();
  const stores = useStores();
  const findings = useTraining((s) => s.run.layers.findings);
  const layers = useDocument((s) => s.doc.layers);
  const markers = useMemo(
    () => findingMarkers(findings, new Map(layers.map((l) => [l.id, l.name])), t),
    [findings, layers, t],
  );
  const pick = (id: string): void => {
    const m = markers.find((x) => x.id === id);
    if (m) stores.session.getState().select({ nodes: [m.nodeId], edges: [] });
  };
  return { markers, pick, label: (title: string) => t('ui.chart.findingMarkers', { title }) };
}

/**
 * Live loss, accuracy and learning-rate charts: per batch (smoothed, raw trace faint), the
 * held-out accuracy per epoch in prediction and training mode, and the run's health
 * findings as ticks (with flag buttons) on the loss and accuracy charts. Each chart exports PNG and
 * CSV and shows its numbers as a table; "Show data" below shows the batch and epoch tables.
 */
export function MetricsCharts() {
  const { t } = useTranslation();
  const stores = useStores();
  const version = useTraining((s) => s.run.version);
  const hasData = useTraining((s) => s.run.batches.step.length > 0 || s.run.phase !== 'idle');
  // Accuracy for classification; a regression run's series hold its mean absolute error.
  const metric = useTraining((s) => s.run.metric);
  const keys = METRIC_KEYS[metric];
  const [showData, setShowData] = useState(false);
  const [logLoss, setLogLoss] = useState(false);
  const lrSource = useLrSource();
  const findings = useFindingMarkers();
  const run = () => stores.training.getState().run;
  const lossTitle = t('ui.chart.lossTitle');
  const accTitle = t(keys.title);
  const lrTitle = t('ui.chart.lrTitle');
  const step = t('ui.chart.step');
  const lossLabels = [t('ui.chart.lossRaw'), t('ui.chart.loss')];
  const accLabels = [t(keys.raw), t(keys.train), t(keys.test), t(keys.testTrainingMode)];
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
          markers={findings.markers}
          markersLabel={findings.label(lossTitle)}
          yLabel={t('ui.chart.lossAxis')}
          onMarkerPick={findings.pick}
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
          key={metric}
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
          yRange={metricRange(metric)}
          markers={findings.markers}
          markersLabel={findings.label(accTitle)}
          yLabel={accTitle}
          onMarkerPick={findings.pick}
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
          yLabel={lrTitle}
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
