import { useTranslation } from 'react-i18next';
import { runColor } from '../panels/runs-view';
import { useRunsView, useStores } from '../state/stores';
import { INSIGHT_TABLE_ROWS, InsightChart } from './InsightChart';
import { alignedRows } from './metric-chart-data';
import { METRIC_KEYS, metricRange } from './metric-labels';
import { raceLossData, raceMetricData } from './race-data';

/**
 * The running experiment's variants racing live: every variant's training loss per batch
 * (smoothed as on the Metrics tab) and its held-out accuracy per epoch, one colour per
 * variant (the colours its recorded runs get in the overlay when the experiment ends).
 * Each chart redraws at most once per animation frame, has PNG and CSV export, and a
 * "Show data" table with one column per variant.
 */
export function ExperimentRace() {
  const { t } = useTranslation();
  const stores = useStores();
  const experiment = useRunsView((s) => s.experiment);
  const version = useRunsView((s) => s.liveVersion);
  // Accuracy for classification; a regression model's variants report their MAE.
  const metric = useRunsView((s) => s.liveRuns.find((r) => r !== null)?.metric ?? 'accuracy');
  if (!experiment) return null;
  const labels = experiment.variants.map((v) => v.label);
  // uPlot's series are fixed when a chart is made: a new experiment makes new charts.
  const key = `${experiment.id}:${labels.join('|')}`;
  const series = labels.map((label, i) => ({ label, stroke: runColor(i), width: 2 }));
  const runs = () => stores.runs.getState().liveRuns;
  const step = t('ui.chart.step');
  const epoch = t('ui.table.epoch');
  const lossTitle = t('ui.runs.live.lossTitle');
  const metricTitle = t('ui.runs.live.metricTitle', { metric: t(METRIC_KEYS[metric].test) });
  return (
    <div className="runs-race">
      <p className="insight__note">
        {t('ui.runs.live.note', { name: t(`ui.experiment.kind.${experiment.kind}`) })}
      </p>
      <InsightChart
        key={`loss-${key}`}
        title={lossTitle}
        xLabel={step}
        series={series}
        yLabel={t('ui.chart.lossAxis')}
        getData={() => raceLossData(runs())}
        version={version}
        height={170}
        table={{
          keyHeader: step,
          columns: labels,
          rows: () => alignedRows(raceLossData(runs()), INSIGHT_TABLE_ROWS),
          caption: (count) => t('ui.chart.caption', { title: lossTitle, count }),
        }}
      />
      <InsightChart
        key={`metric-${key}-${metric}`}
        title={metricTitle}
        xLabel={epoch}
        series={series.map((s) => ({ ...s, markers: true }))}
        yLabel={t(METRIC_KEYS[metric].test)}
        yRange={metricRange(metric)}
        getData={() => raceMetricData(runs())}
        version={version}
        height={170}
        table={{
          keyHeader: epoch,
          columns: labels,
          rows: () => alignedRows(raceMetricData(runs()), INSIGHT_TABLE_ROWS),
          caption: (count) => t('ui.runs.live.epochCaption', { title: metricTitle, count }),
        }}
      />
    </div>
  );
}
