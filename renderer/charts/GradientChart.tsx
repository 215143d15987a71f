import { useTranslation } from 'react-i18next';
import { useStores } from '../state/stores';
import { InsightChart, INSIGHT_TABLE_ROWS } from './InsightChart';
import { gradientData, gradientRows, orderedSeries } from './layer-chart-data';

/** A distinct colour for the i-th of many series (golden-angle hues). */
export const seriesColor = (i: number): string => `hsl(${Math.round((i * 137.508) % 360)}, 65%, 45%)`;

/** Props of the gradient chart. */
export interface GradientChartProps {
  /** The layers' names by node id (a layer deleted since the run started shows its id). */
  names: ReadonlyMap<string, string>;
  version: number;
}

/** ‖∂loss/∂output‖ of every layer on one log-scale chart, one series per layer in plan order. */
export function GradientChart({ names, version }: GradientChartProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const state = () => stores.training.getState().run.layers;
  const ids = orderedSeries(state()).map((s) => s.nodeId);
  const labels = ids.map((id) => names.get(id) ?? id);
  const title = t('ui.insight.gradTitle');
  return (
    <InsightChart
      // One series per layer: a new set of layers needs a new chart.
      key={ids.join(' ')}
      title={title}
      chartId="gradient-norms"
      xLabel={t('ui.insight.step')}
      series={labels.map((label, i) => ({ label, stroke: seriesColor(i), width: 1.25 }))}
      yScale="log"
      height={170}
      version={version}
      getData={() => gradientData(state())}
      table={{
        keyHeader: t('ui.insight.step'),
        columns: labels,
        rows: () => gradientRows(state(), INSIGHT_TABLE_ROWS),
        caption: (count) => t('ui.insight.caption', { title, count }),
      }}
    />
  );
}
