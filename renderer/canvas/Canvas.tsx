import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type FitViewOptions,
  type NodeTypes,
} from '@xyflow/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocument } from '../state/stores';
import { LAYER_NODE_TYPE } from './flow-nodes';
import { LayerNode } from './LayerNode';
import { useCanvasHandlers } from './use-canvas-handlers';
import { useFlowElements } from './use-flow-elements';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNode };
const FIT: FitViewOptions = { padding: 0.06, maxZoom: 1.1 };

/** Fits the view whenever a new document is loaded (the first one is fitted by React Flow itself). */
function useFitOnLoad(): void {
  const loadCount = useDocument((s) => s.loadCount);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (loadCount > 0) void fitView(FIT);
  }, [loadCount, fitView]);
}

/** The network canvas: React Flow showing the mapped document, in the page's <main>. */
export function Canvas() {
  const { t } = useTranslation();
  const { nodes, edges } = useFlowElements();
  const h = useCanvasHandlers();
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
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} size={1.5} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </main>
  );
}
