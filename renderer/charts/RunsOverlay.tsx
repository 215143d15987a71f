import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../src/graph/document';
import {
  alignCurves,
  batchLoss,
  epochTestAccuracy,
  epochTestAccuracyTrainingMode,
  metricText,
  overlayData,
  runColor,
} from '../panels/runs-view';
import { LineChart } from './LineChart';
import { legendOf, PngButton } from './PngButton';

/** Props: the picked runs in order, with their display labels. */
export interface RunsOverlayProps {
  runs: readonly RunRecord[];
  labels: readonly string[];
}

/**
 * The picked runs' curves on shared axes, one colour per run (legend by label): training
 * loss per batch and test accuracy per epoch; "Show data" gives the same numbers as a table.
 */
export function RunsOverlay({ runs, labels }: RunsOverlayProps) {
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  // The charts are rebuilt when the picked runs or their names change (uPlot's series are fixed).
  const key = runs.map((r, i) => `${r.id}:${labels[i]}`).join('|');
  const series = runs.map((_, i) => ({ label: labels[i]!, stroke: runColor(i), width: 2 }));
  // Runs with batch norm also have a training-mode test accuracy: drawn dashed in the run's colour.
  const withTm = runs.map((r, i) => ({ r, i })).filter(({ r }) => epochTestAccuracyTrainingMode(r) !== null);
  const accSeries = [
    ...series.map((s) => ({ ...s, markers: true })),
    ...withTm.map(({ i }) => ({
      label: t('ui.runs.trainingModeSeries', { label: labels[i] }),
      stroke: runColor(i),
      width: 2,
      dash: [6, 4],
      markers: true,
    })),
  ];
  const lossChart = useRef<HTMLDivElement>(null);
  const accChart = useRef<HTMLDivElement>(null);
  const lossTitle = t('ui.runs.lossTitle');
  const accTitle = t('ui.runs.testAccuracyTitle');
  const accData = () =>
    alignCurves([...runs.map(epochTestAccuracy), ...withTm.map(({ r }) => epochTestAccuracyTrainingMode(r))]);
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
      <div ref={accChart}>
        <LineChart
          key={`acc-${key}`}
          label={accTitle}
          xLabel={t('ui.table.epoch')}
          series={accSeries}
          getData={accData}
          version={0}
          height={170}
          yRange={[0, 1]}
        />
        <PngButton
          root={accChart}
          text={{ title: accTitle, legend: legendOf(accSeries), yLabel: accTitle }}
        />
      </div>
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
                <td>{metricText(r.curves.accuracy[k])}</td>
                <td>{metricText(r.curves.testAccuracy[k])}</td>
                <td>{metricText(r.curves.testAccuracyTrainingMode?.[k])}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
