import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  type Edge,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelSummary } from '../panels/ModelSummary';
import { useDocument, useSession, useStores } from '../state/stores';
import './canvas-gestures.css';
import { BLOCK_NODE_TYPE, blockOfNodeId, type CanvasNode } from './block-view';
import { BlockNode } from './BlockNode';
import { ConnectHint } from './ConnectHint';
import { CanvasMenu, type MenuState, type MenuTarget } from './CanvasMenu';
import { LAYER_NODE_TYPE } from './flow-nodes';
import { LayerNode } from './LayerNode';
import { FIT_OPTIONS } from './use-arrange';
import { useCanvasActions } from './use-canvas-actions';
import { useCanvasHandlers } from './use-canvas-handlers';
import { useCanvasKeys } from './use-canvas-keys';
import { useFlowElements } from './use-flow-elements';

const NODE_TYPES: NodeTypes = { [LAYER_NODE_TYPE]: LayerNode, [BLOCK_NODE_TYPE]: BlockNode };
/** Snap step in flow units: half the background's dot spacing. */
const SNAP_GRID: [number, number] = [12, 12];
/** Middle and right button pan; the left button draws a selection box (as in design tools). */
const PAN_BUTTONS = [1, 2];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_STYLE = { width: 150, height: 110 };
const KEYS_HINT_ID = 'canvas-keys-hint';
const minimapColor = (n: CanvasNode): string =>
  n.type === BLOCK_NODE_TYPE ? 'var(--accent)' : `var(--cat-${String(n.data.category)}, var(--cat-unknown))`;

/** Fits the view whenever a new document is loaded (the first one is fitted by React Flow itself). */
function useFitOnLoad(): void {
  const loadCount = useDocument((s) => s.loadCount);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (loadCount > 0) void fitView(FIT_OPTIONS);
  }, [loadCount, fitView]);
}

/** A click on the overview map centres the view on that point, keeping the zoom. */
function useMapClick() {
  const { setCenter, getZoom } = useReactFlow();
  return useCallback(
    (_e: ReactMouseEvent, at: { x: number; y: number }) => void setCenter(at.x, at.y, { zoom: getZoom() }),
    [setCenter, getZoom],
  );
}

/** The open context menu, and the mouse handlers that open it. */
function useContextMenu() {
  const stores = useStores();
  const { screenToFlowPosition } = useReactFlow();
  const [menu, setMenu] = useState<MenuState | null>(null);
  /** Opens a menu; its layer or wire becomes the selection unless already part of it, so one sees what it acts on. */
  const show = useCallback(
    (m: MenuState) => {
      const session = stores.session.getState();
      const { nodes, edges } = session.selection;
      if (m.target.kind === 'node' && !nodes.includes(m.target.id))
        session.select({ nodes: [m.target.id], edges: [] });
      if (m.target.kind === 'edge' && !edges.includes(m.target.id))
        session.select({ nodes: [], edges: [m.target.id] });
      setMenu(m);
    },
    [stores],
  );
  const current = useRef(menu);
  useEffect(() => {
    current.current = menu;
  }, [menu]);
  const open = useCallback(
    (e: ReactMouseEvent | MouseEvent, target: MenuTarget) => {
      e.preventDefault();
      const el = (e.target as Element).closest<HTMLElement>('.react-flow__node, .react-flow__edge');
      show({ target, x: e.clientX, y: e.clientY, returnFocus: el ?? document.querySelector('main') });
    },
    [show],
  );
  const close = useCallback((restore: boolean) => {
    if (restore) current.current?.returnFocus?.focus();
    current.current = null;
    setMenu(null);
  }, []);
  // Stable handlers: React Flow passes them to every node and edge wrapper, which are
  // memoized; a new function per render would re-render all of them on every drag move.
  const mouse = useMemo(
    () => ({
      onNodeContextMenu: (e: ReactMouseEvent, n: CanvasNode) => {
        const block = blockOfNodeId(n.id);
        open(e, block ? { kind: 'block', id: block } : { kind: 'node', id: n.id });
      },
      onEdgeContextMenu: (e: ReactMouseEvent, edge: Edge) => open(e, { kind: 'edge', id: edge.id }),
      onPaneContextMenu: (e: ReactMouseEvent | MouseEvent) =>
        open(e, { kind: 'pane', at: screenToFlowPosition({ x: e.clientX, y: e.clientY }) }),
    }),
    [open, screenToFlowPosition],
  );
  return { menu, show, close, mouse };
}

/** The network canvas: React Flow showing the mapped document, in the page's <main>. */
export function Canvas() {
  const { t } = useTranslation();
  const stores = useStores();
  const { nodes, edges } = useFlowElements();
  const actions = useCanvasActions();
  const h = useCanvasHandlers(actions);
  const snap = useSession((s) => s.snapToGrid);
  const theme = useSession((s) => s.theme);
  const root = useRef<HTMLElement>(null);
  const cm = useContextMenu();
  const keys = useCanvasKeys(root, cm.show, actions.removeEdge);
  // What a screen reader says on a focused wire, from the catalog (React Flow's own text is English).
  const ariaLabels = useMemo(() => ({ 'edge.a11yDescription.default': t('ui.edge.description') }), [t]);
  useFitOnLoad();
  const onMapClick = useMapClick();
  const cancelConnect = useCallback((): void => stores.session.getState().setConnecting(null), [stores]);
  const closeMenu = cm.close;
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => e && closeMenu(false), [closeMenu]);
  return (
    <main
      ref={root}
      className="canvas"
      aria-label={t('ui.canvas.label')}
      aria-describedby={KEYS_HINT_ID}
      aria-keyshortcuts="Shift+F10 ContextMenu"
      tabIndex={0}
      onKeyDownCapture={keys.onKeyDownCapture}
      onDragLeave={h.onDragLeave}
    >
      <p id={KEYS_HINT_ID} className="visually-hidden">
        {t('ui.canvas.keys')}
      </p>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={h.onNodesChange}
        onEdgesChange={h.onEdgesChange}
        onConnect={h.onConnect}
        onNodeDragStart={h.onNodeDragStart}
        onNodeDrag={h.onNodeDrag}
        onNodeDragStop={h.onNodeDragStop}
        onSelectionDragStart={h.onNodeDragStart}
        onSelectionDragStop={h.onSelectionDragStop}
        onDragOver={h.onDragOver}
        onDrop={h.onDrop}
        onNodeContextMenu={cm.mouse.onNodeContextMenu}
        onEdgeContextMenu={cm.mouse.onEdgeContextMenu}
        onPaneContextMenu={cm.mouse.onPaneContextMenu}
        onPaneClick={cancelConnect}
        onMoveStart={onMoveStart}
        deleteKeyCode={null}
        edgesFocusable
        ariaLabelConfig={ariaLabels}
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
        <ConnectHint />
        <Controls showInteractive={false} />
        <MiniMap<CanvasNode>
          pannable
          zoomable
          style={MINIMAP_STYLE}
          ariaLabel={t('ui.canvas.minimap')}
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          onClick={onMapClick}
        />
      </ReactFlow>
      <ModelSummary />
      {cm.menu && (
        <CanvasMenu menu={cm.menu} actions={actions} startConnect={keys.startConnect} onClose={cm.close} />
      )}
    </main>
  );
}
