import type { RunMetric } from '../../src/training/protocol';

/** Catalog keys of the words for a run's metric, in the charts and the data tables. */
export interface MetricKeys {
  title: string;
  raw: string;
  train: string;
  test: string;
  testTrainingMode: string;
  column: string;
  testColumn: string;
  testTrainingModeColumn: string;
}

/**
 * The words for each metric: accuracy for a classification run, mean absolute error
 * (MAE) for a regression run, whose `accuracy` series carry the MAE.
 */
export const METRIC_KEYS: Readonly<Record<RunMetric, MetricKeys>> = {
  accuracy: {
    title: 'ui.chart.accuracyTitle',
    raw: 'ui.chart.accuracyRaw',
    train: 'ui.chart.accuracy',
    test: 'ui.chart.testAccuracy',
    testTrainingMode: 'ui.chart.testAccuracyTrainingMode',
    column: 'ui.table.accuracy',
    testColumn: 'ui.table.testAccuracy',
    testTrainingModeColumn: 'ui.table.testAccuracyTrainingMode',
  },
  mae: {
    title: 'ui.chart.maeTitle',
    raw: 'ui.chart.maeRaw',
    train: 'ui.chart.mae',
    test: 'ui.chart.testMae',
    testTrainingMode: 'ui.chart.testMaeTrainingMode',
    column: 'ui.table.mae',
    testColumn: 'ui.table.testMae',
    testTrainingModeColumn: 'ui.table.testMaeTrainingMode',
  },
};

/** The y range of the metric chart: accuracy is a share in [0, 1]; an error has no upper bound. */
export const metricRange = (metric: RunMetric): [number, number] | undefined =>
  metric === 'accuracy' ? [0, 1] : undefined;
