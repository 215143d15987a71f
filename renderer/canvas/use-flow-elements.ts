import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { layerKinds } from '../../src/layers/registry';
import { useThrottled } from '../charts/use-throttled';
import { diagText, findingText } from '../diag-text';
import { nodeInsights } from '../state/layer-stats-view';
import { useDocument, useSession, useTraining } from '../state/stores';
import { collapseView, type CanvasNode } from './block-view';
import { decorateConnect, markDropEdge } from './connect-view';
import { reuseUnchanged, toFlowEdges, toFlowNodes, type LayerFlowNode } from './flow-nodes';

/** Least time between two updates of the nodes' sparklines while training. */
const INSIGHT_INTERVAL_MS = 300;

/** The nodes' training figures, re-read from the training store a few times a second at most. */
function useNodeInsights() {
  const { t } = useTranslation();
  // Each change makes a new layers object (its rings are shared), so throttling the object works.
  const layers = useThrottled(
    useTraining((s) => s.run.layers),
    INSIGHT_INTERVAL_MS,
  );
  return useMemo(() => nodeInsights(layers, (f) => findingText(t, f)), [layers, t]);
}

/** The React Flow nodes and edges of the current document, recomputed only when their inputs change. */
export function useFlowElements(): { nodes: CanvasNode[]; edges: Edge[] } {
  const { t } = useTranslation();
  const doc = useDocument((s) => s.doc);
  const analysis = useDocument((s) => s.analysis);
  const selection = useSession((s) => s.selection);
  const measured = useSession((s) => s.measured);
  const insights = useNodeInsights();
  // Unchanged layers keep their node objects from one render to the next (see toFlowNodes).
  const keepUnchanged = useMemo(() => reuseUnchanged<LayerFlowNode>(), []);
  const keepEdges = useMemo(() => reuseUnchanged<Edge>(), []);
  // One catalog lookup per kind, not per layer and render.
  const titleOf = useMemo(() => {
    const titles = new Map(layerKinds().map((kind) => [kind, t(`layer.${kind}.title`)]));
    return (kind: string): string => titles.get(kind) ?? kind;
  }, [t]);
  const nodes = useMemo(
    () =>
      keepUnchanged((previous) =>
        toFlowNodes(doc, analysis, selection, measured, titleOf, insights, previous, (d) => diagText(t, d)),
      ),
    [doc, analysis, selection, measured, titleOf, insights, keepUnchanged, t],
  );
  const edges = useMemo(
    () =>
      keepEdges((previous) =>
        toFlowEdges(
          doc,
          analysis,
          selection,
          (source, target) => t('ui.edge.label', { source, target }),
          previous,
        ),
      ),
    [doc, analysis, selection, t, keepEdges],
  );
  const connecting = useSession((s) => s.connecting);
  const dropEdge = useSession((s) => s.dropEdge);
  return useMemo(() => {
    const view = collapseView(
      doc,
      nodes,
      edges,
      selection,
      (kind) => t(`layer.${kind}.title`),
      t('ui.block.title'),
      (name, message) => t('ui.block.problem', { name, message }),
    );
    const marked = decorateConnect(doc, view.nodes, view.edges, connecting);
    return { nodes: marked.nodes, edges: markDropEdge(marked.edges, dropEdge, t('ui.canvas.dropOnWire')) };
  }, [doc, nodes, edges, selection, connecting, dropEdge, t]);
}
