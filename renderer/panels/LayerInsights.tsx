import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GradientChart } from '../charts/GradientChart';
import { LayerCharts } from '../charts/LayerCharts';
import { useDocument, useSession, useStores, useTraining } from '../state/stores';
import { FindingsList } from './FindingsList';

/**
 * Which layer the charts show: the one selected on the canvas when it has statistics,
 * else the one last chosen here, else the first. Choosing one here selects it on the canvas.
 */
function useChosenLayer(order: readonly string[]) {
  const stores = useStores();
  const selected = useSession((s) => s.selection.nodes);
  const [chosen, setChosen] = useState<string | null>(null);
  const fromCanvas = selected.length === 1 && order.includes(selected[0]!) ? selected[0]! : null;
  const nodeId = fromCanvas ?? (chosen !== null && order.includes(chosen) ? chosen : (order[0] ?? null));
  const choose = (id: string) => {
    setChosen(id);
    stores.session.getState().select({ nodes: [id], edges: [] });
  };
  return { nodeId, choose };
}

/**
 * The per-layer insight dashboard: the run's findings, the gradient norm of every
 * layer, then a layer chooser and the chosen layer's charts.
 */
export function LayerInsights() {
  const { t } = useTranslation();
  const layers = useTraining((s) => s.run.layers);
  const docLayers = useDocument((s) => s.doc.layers);
  const names = useMemo(() => new Map(docLayers.map((l) => [l.id, l.name])), [docLayers]);
  const { nodeId, choose } = useChosenLayer(layers.order);
  if (layers.snapshots === 0 || nodeId === null)
    return <p className="panel__empty">{t('ui.insight.empty')}</p>;
  const name = names.get(nodeId) ?? nodeId;
  return (
    <div className="insight">
      <FindingsList findings={layers.findings} names={names} onPick={choose} />
      <GradientChart names={names} version={layers.version} />
      <label className="insight__chooser">
        <span>{t('ui.insight.layer')}</span>
        <select value={nodeId} onChange={(e) => choose(e.target.value)}>
          {layers.order.map((id) => (
            <option key={id} value={id}>
              {names.get(id) ?? id}
            </option>
          ))}
        </select>
      </label>
      {/* A new layer means new series: remount its charts. */}
      <LayerCharts key={nodeId} nodeId={nodeId} name={name} version={layers.version} />
    </div>
  );
}
