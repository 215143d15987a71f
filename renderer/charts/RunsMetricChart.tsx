import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../src/graph/document';
import type { RunMetric } from '../../src/training/protocol';
import { alignCurves, epochTestAccuracy, epochTestAccuracyTrainingMode, runColor } from '../panels/runs-view';
import { LineChart } from './LineChart';
import { metricRange } from './metric-labels';
import { legendOf, PngButton } from './PngButton';

/** Props: the picked runs, their labels, and which of them (indices) share this metric. */
export interface RunsMetricChartProps {
  runs: readonly RunRecord[];
  labels: readonly string[];
  metric: RunMetric;
  indices: readonly number[];
  /** Changes whenever the picked runs or their names do (uPlot's series are fixed). */
  chartKey: string;
}

/** Catalog keys of each metric chart's title (also its accessible name). */
const TITLE_KEYS: Readonly<Record<RunMetric, string>> = {
  accuracy: 'ui.runs.testAccuracyTitle',
  mae: 'ui.runs.testMaeTitle',
};

/**
 * One held-out metric per epoch for the picked runs of one kind: test accuracy on a fixed
 * [0, 1] axis, or a regression run's test MAE on an axis fitted to its values. Runs with
 * batch norm add their training-mode figure, dashed in the run's colour.
 */
export function RunsMetricChart({ runs, labels, metric, indices, chartKey }: RunsMetricChartProps) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const withTm = indices.filter((i) => epochTestAccuracyTrainingMode(runs[i]!) !== null);
  const series = [
    ...indices.map((i) => ({ label: labels[i]!, stroke: runColor(i), width: 2, markers: true })),
    ...withTm.map((i) => ({
      label: t('ui.runs.trainingModeSeries', { label: labels[i] }),
      stroke: runColor(i),
      width: 2,
      dash: [6, 4],
      markers: true,
    })),
  ];
  const title = t(TITLE_KEYS[metric]);
  const data = () =>
    alignCurves([
      ...indices.map((i) => epochTestAccuracy(runs[i]!)),
      ...withTm.map((i) => epochTestAccuracyTrainingMode(runs[i]!)),
    ]);
  return (
    <div ref={root}>
      <LineChart
        key={`${metric}-${chartKey}`}
        label={title}
        xLabel={t('ui.table.epoch')}
        series={series}
        getData={data}
        version={0}
        height={170}
        yRange={metricRange(metric)}
      />
      <PngButton root={root} text={{ title, legend: legendOf(series), yLabel: title }} />
    </div>
  );
}
