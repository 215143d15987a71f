import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../src/graph/document';
import { batchLoss, metricText, overlayData, runColor, runMetric, runsByMetric } from '../panels/runs-view';
import { LineChart } from './LineChart';
import { legendOf, PngButton } from './PngButton';
import { RunsMetricChart } from './RunsMetricChart';

/** Props: the picked runs in order, with their display labels. */
export interface RunsOverlayProps {
  runs: readonly RunRecord[];
  labels: readonly string[];
}

/**
 * The picked runs' curves on shared axes, one colour per run (legend by label): training
 * loss per batch, and test accuracy (classification) or test MAE (regression) per epoch,
 * each kind on its own chart; "Show data" gives the same numbers as a table.
 */
export function RunsOverlay({ runs, labels }: RunsOverlayProps) {
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  // The charts are rebuilt when the picked runs or their names change (uPlot's series are fixed).
  const key = runs.map((r, i) => `${r.id}:${labels[i]}`).join('|');
  const series = runs.map((_, i) => ({ label: labels[i]!, stroke: runColor(i), width: 2 }));
  const lossChart = useRef<HTMLDivElement>(null);
  const lossTitle = t('ui.runs.lossTitle');
  const groups = runsByMetric(runs);
  return (
    <div className="runs-overlay">
      <div ref={lossChart}>
        <LineChart
          key={`loss-${key}`}
          label={lossTitle}
          xLabel={t('ui.chart.step')}
          series={series}
          getData={() => overlayData(runs, batchLoss)}
          version={0}
          height={170}
        />
        {/* The exported image names each run in its legend. */}
        <PngButton
          root={lossChart}
          text={{ title: lossTitle, legend: legendOf(series), yLabel: t('ui.chart.lossAxis') }}
        />
      </div>
      {/* Accuracy and MAE never share an axis: a mixed pick gets one chart per kind, and says so. */}
      {groups.length > 1 && (
        <p className="panel__empty" role="note">
          {t('ui.runs.mixedMetrics')}
        </p>
      )}
      {groups.map((g) => (
        <RunsMetricChart
          key={g.metric}
          runs={runs}
          labels={labels}
          metric={g.metric}
          indices={g.indices}
          chartKey={key}
        />
      ))}
      <button
        type="button"
        className="button button--toggle"
        aria-pressed={showData}
        onClick={() => setShowData((v) => !v)}
      >
        {t('ui.runs.showData')}
      </button>
      {showData && <OverlayTable runs={runs} labels={labels} />}
    </div>
  );
}

/** One row per run and epoch: the numbers the overlay draws. */
function OverlayTable({ runs, labels }: RunsOverlayProps) {
  const { t } = useTranslation();
  // A regression run's accuracy columns hold its MAE: the cells say so.
  const cell = (r: RunRecord, v: number | null | undefined): string =>
    runMetric(r) === 'mae' && typeof v === 'number'
      ? t('ui.runs.maeValue', { value: metricText(v) })
      : metricText(v);
  return (
    <div className="data-table__scroll">
      <table className="data-table">
        <caption>{t('ui.runs.overlayCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.runs.run')}</th>
            <th scope="col">{t('ui.table.epoch')}</th>
            <th scope="col">{t('ui.table.loss')}</th>
            <th scope="col">{t('ui.table.accuracy')}</th>
            <th scope="col">{t('ui.table.testAccuracy')}</th>
            <th scope="col">{t('ui.table.testAccuracyTrainingMode')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.flatMap((r, i) =>
            r.curves.epoch.map((epoch, k) => (
              <tr key={`${r.id}-${epoch}`}>
                <th scope="row">{labels[i]}</th>
                <td>{epoch}</td>
                <td>{metricText(r.curves.loss[k])}</td>
                <td>{cell(r, r.curves.accuracy[k])}</td>
                <td>{cell(r, r.curves.testAccuracy[k])}</td>
                <td>{cell(r, r.curves.testAccuracyTrainingMode?.[k])}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
