import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import { useMemo, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { removeLayers } from '../../src/graph/commands';
import { useStores } from '../state/stores';
import { BLOCK_FRAGMENT_MIME, droppedKind, LAYER_KIND_MIME, NODE_SIZE_GUESS } from './drag-kind';
import { blockOfNodeId, expandBlockChanges, type CanvasNode } from './block-view';
import { edgeAtPoint } from './edge-hit';
import { connectCommand, interpretEdgeChanges, interpretNodeChanges } from './flow-changes';
import type { LayerFlowNode } from './flow-nodes';
import { noOutcome, spliceCommand } from './insert-layer';
import { useAddLayer, useScreenToFlow } from './use-add-layer';
import { fragmentById, useInsertFragment } from './use-insert-fragment';
import type { CanvasActions } from './use-canvas-actions';

/** The pointer position of a drag event from React Flow (mouse or touch). */
function pointerOf(e: MouseEvent | TouchEvent): { x: number; y: number } | null {
  if ('clientX' in e) return { x: e.clientX, y: e.clientY };
  const touch = e.changedTouches[0];
  return touch ? { x: touch.clientX, y: touch.clientY } : null;
}

/** React Flow event handlers that turn gestures into document commands and session updates. */
export function useCanvasHandlers(actions: CanvasActions) {
  const stores = useStores();
  const { t } = useTranslation();
  const addLayer = useAddLayer();
  const screenToFlow = useScreenToFlow();
  const insertFragment = useInsertFragment();
  return useMemo(() => {
    const doc = () => stores.document.getState();
    const session = () => stores.session.getState();
    /** True when a layer has no wires, so it may be dropped into one. */
    const unwired = (id: string): boolean => !doc().doc.edges.some((e) => e.source === id || e.target === id);
    return {
      onNodesChange(changes: NodeChange<CanvasNode>[]) {
        const s = session();
        // Changes to a collapsed block's node apply to its layers.
        const expanded = expandBlockChanges(changes, doc().doc) as NodeChange<LayerFlowNode>[];
        const fx = interpretNodeChanges(expanded, s.selection, s.measured);
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
      /** A lone layer without wires dragged over a wire highlights it. */
      onNodeDrag(e: MouseEvent | TouchEvent, node: CanvasNode, nodes: CanvasNode[]) {
        const at = pointerOf(e);
        const lone = nodes.length <= 1 && !blockOfNodeId(node.id) && unwired(node.id);
        session().setDropEdge(lone && at ? edgeAtPoint(at.x, at.y, node.id) : null);
      },
      /** Ends the drag as one undo step, splitting the highlighted wire with the layer when the rules allow. */
      onNodeDragStop(_e: MouseEvent | TouchEvent, node: CanvasNode | null) {
        const edge = session().dropEdge;
        session().setDropEdge(null);
        if (edge && node) {
          const out = noOutcome();
          const height = session().measured[node.id]?.height ?? NODE_SIZE_GUESS.height;
          const error = doc().apply(spliceCommand(edge, node.id, out, height));
          if (error) out.refused = error;
          doc().endGesture();
          return actions.reportInsert(out, doc().doc.layers.find((l) => l.id === node.id)?.kind ?? '', true);
        }
        doc().endGesture();
      },
      onSelectionDragStop: () => doc().endGesture(),
      onDragOver(e: DragEvent) {
        if (e.dataTransfer.types.includes(BLOCK_FRAGMENT_MIME)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          return;
        }
        if (!e.dataTransfer.types.includes(LAYER_KIND_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        session().setDropEdge(edgeAtPoint(e.clientX, e.clientY));
      },
      /** Leaving the canvas clears the highlight (relatedTarget is unreliable in drag events: the point is checked). */
      onDragLeave(e: DragEvent) {
        const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
        const inside = e.clientX > r.left && e.clientX < r.right && e.clientY > r.top && e.clientY < r.bottom;
        if (!inside) session().setDropEdge(null);
      },
      onDrop(e: DragEvent) {
        // A block from "My blocks" lands centred on the drop point (never spliced into a wire).
        const frag = fragmentById(e.dataTransfer.getData(BLOCK_FRAGMENT_MIME));
        if (frag) {
          e.preventDefault();
          session().setDropEdge(null);
          return insertFragment(frag, screenToFlow({ x: e.clientX, y: e.clientY }));
        }
        const kind = droppedKind(e.dataTransfer);
        const edge = session().dropEdge ?? edgeAtPoint(e.clientX, e.clientY);
        session().setDropEdge(null);
        if (!kind) return;
        e.preventDefault();
        const at = screenToFlow({ x: e.clientX, y: e.clientY });
        if (!edge) return addLayer(kind, at);
        actions.insertOnEdge(edge, kind, {
          x: at.x - NODE_SIZE_GUESS.width / 2,
          y: at.y - NODE_SIZE_GUESS.height / 2,
        });
      },
    };
  }, [stores, t, addLayer, screenToFlow, actions, insertFragment]);
}
