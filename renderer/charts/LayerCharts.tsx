import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERCENTILE_RANKS } from '../../src/training/stats';
import type { LayerStatsState } from '../state/layer-stats-reducer';
import { useStores } from '../state/stores';
import { HeatmapChart } from './HeatmapChart';
import { InsightChart, INSIGHT_TABLE_ROWS } from './InsightChart';
import {
  BAND_ORDER,
  batchNormData,
  batchNormRows,
  batchNormTimeData,
  batchNormTimeRows,
  DISTRIBUTION_BANDS,
  distributionData,
  distributionRows,
  weightData,
  weightRows,
} from './layer-chart-data';

/** Series colours (canvas drawing needs concrete colours, not CSS variables). */
const COLORS = {
  band: 'rgba(59, 91, 219, 0.16)',
  edge: 'rgba(59, 91, 219, 0.35)',
  median: '#3b5bdb',
  weight: '#2b8a3e',
  grad: '#d9480f',
  ratio: '#7048e8',
  batch: '#1c7ed6',
  running: '#e8590c',
} as const;

/** Props shared by the per-layer charts. */
interface LayerChartsProps {
  nodeId: string;
  name: string;
  version: number;
}

const layers = (stores: ReturnType<typeof useStores>): LayerStatsState =>
  stores.training.getState().run.layers;

/** Column headings of the distribution table: the percentile ranks, then the moments. */
function useDistributionColumns(): string[] {
  const { t } = useTranslation();
  const pct = PERCENTILE_RANKS.map((r, i) =>
    i === 0 ? t('ui.insight.min') : r === 100 ? t('ui.insight.max') : t('ui.insight.pct', { rank: r }),
  );
  return [
    ...pct,
    t('ui.insight.mean'),
    t('ui.insight.std'),
    t('ui.insight.zeros'),
    t('ui.insight.saturated'),
  ];
}

/** The activation percentile bands of one layer over the steps. */
function DistributionChart({ nodeId, name, version }: LayerChartsProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const columns = useDistributionColumns();
  const title = t('ui.insight.distTitle', { name });
  const series = layers(stores).series[nodeId];
  if (!series) return null;
  return (
    <InsightChart
      title={title}
      chartId="activation-distribution"
      note={t('ui.insight.distNote')}
      xLabel={t('ui.insight.step')}
      series={BAND_ORDER.map((i, k) => ({
        label: k === 8 ? t('ui.insight.median') : columns[i]!,
        stroke: k === 8 ? COLORS.median : COLORS.edge,
        width: k === 8 ? 2 : 0.5,
      }))}
      bands={DISTRIBUTION_BANDS.map((b) => ({ ...b, fill: COLORS.band }))}
      legend={false}
      yScale="auto"
      height={150}
      version={version}
      getData={() => distributionData(layers(stores).series[nodeId] ?? series)}
      table={{
        keyHeader: t('ui.insight.step'),
        columns,
        rows: () => distributionRows(layers(stores).series[nodeId] ?? series, INSIGHT_TABLE_ROWS),
        caption: (count) => t('ui.insight.caption', { title, count }),
      }}
    />
  );
}

/** Weight norm, weight gradient norm and update ratio of one layer (layers with weights only). */
function WeightChart({ nodeId, name, version }: LayerChartsProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const series = layers(stores).series[nodeId];
  if (!series) return null;
  if (!series.hasWeights) return <p className="insight__note">{t('ui.insight.noWeights', { name })}</p>;
  const title = t('ui.insight.weightTitle', { name });
  const labels = [t('ui.insight.weightNorm'), t('ui.insight.weightGradNorm'), t('ui.insight.updateRatio')];
  return (
    <InsightChart
      title={title}
      chartId="weights"
      xLabel={t('ui.insight.step')}
      series={labels.map((label, i) => ({ label, stroke: [COLORS.weight, COLORS.grad, COLORS.ratio][i]! }))}
      yScale="log"
      height={140}
      version={version}
      getData={() => weightData(layers(stores).series[nodeId] ?? series)}
      table={{
        keyHeader: t('ui.insight.step'),
        columns: labels,
        rows: () => weightRows(layers(stores).series[nodeId] ?? series, INSIGHT_TABLE_ROWS),
        caption: (count) => t('ui.insight.caption', { title, count }),
      }}
    />
  );
}

/** Batch vs running mean or variance per channel of a batch-norm layer, at its latest snapshot. */
function BatchNormChart({ nodeId, name, version, what }: LayerChartsProps & { what: 'mean' | 'var' }) {
  const { t } = useTranslation();
  const stores = useStores();
  const latest = () => layers(stores).batchNorm[nodeId]?.at(-1);
  const snap = latest();
  if (!snap) return null;
  const title = t(what === 'mean' ? 'ui.insight.bnMeanTitle' : 'ui.insight.bnVarTitle', { name });
  const labels =
    what === 'mean'
      ? [t('ui.insight.batchMean'), t('ui.insight.runningMean')]
      : [t('ui.insight.batchVar'), t('ui.insight.runningVar')];
  return (
    <InsightChart
      title={title}
      chartId={what === 'mean' ? 'bn-mean' : 'bn-variance'}
      xLabel={t('ui.insight.channel')}
      series={[
        { label: labels[0]!, stroke: COLORS.batch, points: true },
        { label: labels[1]!, stroke: COLORS.running, points: true },
      ]}
      yScale={what === 'mean' ? 'auto' : 'zero'}
      height={120}
      version={version}
      getData={() => batchNormData(latest() ?? snap, what)}
      table={{
        keyHeader: t('ui.insight.channel'),
        columns: labels,
        rows: () => batchNormRows(latest() ?? snap, what),
        caption: () => t('ui.insight.bnCaption', { title, step: (latest() ?? snap).step }),
      }}
    />
  );
}

/** Batch vs running mean and variance of one channel of a batch-norm layer over the steps. */
function BatchNormTimeChart({ nodeId, name, version }: LayerChartsProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const [channel, setChannel] = useState(0);
  const history = () => layers(stores).batchNorm[nodeId] ?? [];
  const channels = history().at(-1)?.batchMean.length ?? 0;
  if (channels === 0) return null;
  const ch = Math.min(channel, channels - 1);
  const title = t('ui.insight.bnTimeTitle', { name, channel: ch });
  const labels = [
    t('ui.insight.batchMean'),
    t('ui.insight.runningMean'),
    t('ui.insight.batchVar'),
    t('ui.insight.runningVar'),
  ];
  const colors = [COLORS.batch, COLORS.running, COLORS.weight, COLORS.ratio];
  return (
    <InsightChart
      // Another channel is another set of series: a new chart.
      key={ch}
      title={title}
      chartId="bn-over-time"
      xLabel={t('ui.insight.step')}
      series={labels.map((label, i) => ({ label, stroke: colors[i]! }))}
      yScale="auto"
      height={130}
      version={version}
      getData={() => batchNormTimeData(history(), ch)}
      controls={
        <label className="insight__switch">
          <span>{t('ui.insight.channel')}</span>
          <select value={ch} onChange={(e) => setChannel(Number(e.target.value))}>
            {Array.from({ length: channels }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
      }
      table={{
        keyHeader: t('ui.insight.step'),
        columns: labels,
        rows: () => batchNormTimeRows(history(), ch, INSIGHT_TABLE_ROWS),
        caption: (count) => t('ui.insight.caption', { title, count }),
      }}
    />
  );
}

/** The activation histograms of one layer over the steps, as a heat map. */
function LayerHeatmap({ nodeId, name, version }: LayerChartsProps) {
  const stores = useStores();
  const columns = () => layers(stores).series[nodeId]?.histograms ?? [];
  if (columns().length === 0) return null;
  return <HeatmapChart name={name} version={version} columns={columns} />;
}

/** Every chart about one layer: its activation distribution, its weights, and for batch norm its statistics. */
export function LayerCharts(p: LayerChartsProps) {
  return (
    <>
      <DistributionChart {...p} />
      <LayerHeatmap {...p} />
      <WeightChart {...p} />
      <BatchNormChart {...p} what="mean" />
      <BatchNormChart {...p} what="var" />
      <BatchNormTimeChart {...p} />
    </>
  );
}
