import type { Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument, useSession } from '../state/stores';
import { toFlowEdges, toFlowNodes, type LayerFlowNode } from './flow-nodes';

/** The React Flow nodes and edges of the current document, recomputed only when their inputs change. */
export function useFlowElements(): { nodes: LayerFlowNode[]; edges: Edge[] } {
  const { t } = useTranslation();
  const doc = useDocument((s) => s.doc);
  const analysis = useDocument((s) => s.analysis);
  const selection = useSession((s) => s.selection);
  const measured = useSession((s) => s.measured);
  const nodes = useMemo(
    () => toFlowNodes(doc, analysis, selection, measured, (kind) => t(`layer.${kind}.title`)),
    [doc, analysis, selection, measured, t],
  );
  const edges = useMemo(
    () => toFlowEdges(doc, analysis, selection, (source, target) => t('ui.edge.label', { source, target })),
    [doc, analysis, selection, t],
  );
  return { nodes, edges };
}
