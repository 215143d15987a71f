import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import { useMemo, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { removeLayers } from '../../src/graph/commands';
import { useStores } from '../state/stores';
import { droppedKind, LAYER_KIND_MIME } from './drag-kind';
import { connectCommand, interpretEdgeChanges, interpretNodeChanges } from './flow-changes';
import type { LayerFlowNode } from './flow-nodes';
import { useAddLayer, useScreenToFlow } from './use-add-layer';

/** React Flow event handlers that turn gestures into document commands and session updates. */
export function useCanvasHandlers() {
  const stores = useStores();
  const { t } = useTranslation();
  const addLayer = useAddLayer();
  const screenToFlow = useScreenToFlow();
  return useMemo(() => {
    const doc = () => stores.document.getState();
    const session = () => stores.session.getState();
    return {
      onNodesChange(changes: NodeChange<LayerFlowNode>[]) {
        const s = session();
        const fx = interpretNodeChanges(changes, s.selection, s.measured);
        if (fx.measured) s.setMeasured(fx.measured);
        if (fx.selection) s.select(fx.selection);
        if (fx.move) doc().apply(fx.move);
        if (fx.removed.length > 0) doc().apply((d) => removeLayers(d, fx.removed));
      },
      onEdgesChange(changes: EdgeChange[]) {
        const fx = interpretEdgeChanges(changes, session().selection, doc().doc);
        if (fx.selection) session().select(fx.selection);
      },
      onConnect(conn: Connection) {
        const error = doc().apply(connectCommand(conn));
        if (!error) return;
        const reason = t(`connect.${error.code}`, error.values);
        session().notify('ui.notice.connectRefused', { reason }, 'error');
      },
      onNodeDragStart: () => doc().beginGesture(),
      onNodeDragStop: () => doc().endGesture(),
      onDragOver(e: DragEvent) {
        if (!e.dataTransfer.types.includes(LAYER_KIND_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDrop(e: DragEvent) {
        const kind = droppedKind(e.dataTransfer);
        if (!kind) return;
        e.preventDefault();
        addLayer(kind, screenToFlow({ x: e.clientX, y: e.clientY }));
      },
    };
  }, [stores, t, addLayer, screenToFlow]);
}
