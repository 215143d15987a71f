import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type NodeTypes,
} from '@xyflow/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelSummary } from '../panels/ModelSummary';
import { useDocument, useSession } from '../state/stores';
import { LAYER_NODE_TYPE, type LayerFlowNode } from './flow-nodes';
import { LayerNode } from './LayerNode';
import { FIT_OPTIONS } from './use-arrange';
import { useCanvasHandlers } from './use-canvas-handlers';
import { useFlowElements } from './use-flow-elements';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNode };
/** Snap step in flow units: half the background's dot spacing. */
const SNAP_GRID: [number, number] = [12, 12];
/** Middle and right button pan; the left button draws a selection box (as in design tools). */
const PAN_BUTTONS = [1, 2];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_STYLE = { width: 150, height: 110 };
const minimapColor = (n: LayerFlowNode): string => `var(--cat-${n.data.category}, var(--cat-unknown))`;

/** Fits the view whenever a new document is loaded (the first one is fitted by React Flow itself). */
function useFitOnLoad(): void {
  const loadCount = useDocument((s) => s.loadCount);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (loadCount > 0) void fitView(FIT_OPTIONS);
  }, [loadCount, fitView]);
}

/** The network canvas: React Flow showing the mapped document, in the page's <main>. */
export function Canvas() {
  const { t } = useTranslation();
  const { nodes, edges } = useFlowElements();
  const h = useCanvasHandlers();
  const snap = useSession((s) => s.snapToGrid);
  const theme = useSession((s) => s.theme);
  useFitOnLoad();
  return (
    <main className="canvas" aria-label={t('ui.canvas.label')}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={h.onNodesChange}
        onEdgesChange={h.onEdgesChange}
        onConnect={h.onConnect}
        onNodeDragStart={h.onNodeDragStart}
        onNodeDragStop={h.onNodeDragStop}
        onSelectionDragStart={h.onNodeDragStart}
        onSelectionDragStop={h.onNodeDragStop}
        onDragOver={h.onDragOver}
        onDrop={h.onDrop}
        deleteKeyCode={null}
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={PAN_BUTTONS}
        panOnScroll
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        snapToGrid={snap}
        snapGrid={SNAP_GRID}
        colorMode={theme}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.08}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1.5} />
        <Controls showInteractive={false} />
        <MiniMap<LayerFlowNode>
          pannable
          zoomable
          style={MINIMAP_STYLE}
          ariaLabel={t('ui.canvas.minimap')}
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
        />
      </ReactFlow>
      <ModelSummary />
    </main>
  );
}
