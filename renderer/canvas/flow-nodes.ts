import type { Edge, Node } from '@xyflow/react';
import type { Analysis, NodeStatus } from '../../src/analysis/analyze';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import type { Doc } from '../../src/graph/document';
import { specOf } from '../../src/layers/registry';
import { formatShape } from '../../src/tensor/shape';
import type { HealthLevel, NodeInsight } from '../state/layer-stats-view';
import type { NodeSize, Selection } from '../state/session-store';

/** Handle id of a node's output. */
export const OUTPUT_HANDLE = 'out';
/** Handle id of input port `port`. */
export const inputHandle = (port: number): string => `in-${port}`;
/** The port number of an input handle id (0 when absent or malformed). */
export function portOfHandle(handle: string | null | undefined): number {
  const m = /^in-(\d+)$/.exec(handle ?? '');
  return m ? Number(m[1]) : 0;
}

/** The most important problem on a node, shown as its badge. */
export interface NodeProblem {
  severity: 'error' | 'warning';
  message: string;
}

/** The visual state of a node. */
export type NodeAppearance = 'ok' | 'error' | 'blocked' | 'warning';

/**
 * Errors show red; layers waiting on a failed or missing input are dimmed; a layer
 * whose only problems are warnings (e.g. one off the Input-to-Output path) shows amber.
 */
export function appearanceOf(status: NodeStatus, problem: NodeProblem | null): NodeAppearance {
  if (problem?.severity === 'error') return 'error';
  if (status === 'blocked') return 'blocked';
  if (problem || status === 'error') return 'warning';
  return 'ok';
}

/** Plain data of one layer node: everything LayerNode shows, already derived. */
export interface LayerNodeData extends Record<string, unknown> {
  kind: string;
  /** Palette category, for the node's colour. */
  category: string;
  name: string;
  /** The output shape as text, e.g. `[?, 24, 24, 6]`, or null when unknown. */
  shape: string | null;
  /** Total parameter count, or null when unknown. */
  params: number | null;
  status: NodeStatus;
  problem: NodeProblem | null;
  /** How the node looks: an error, dimmed (blocked), a warning, or plain. */
  appearance: NodeAppearance;
  /** Number of input ports (handles on top). */
  inputs: number;
  hasOutput: boolean;
  /** Training figures to show, once the layer has statistics; null before. */
  insight: NodeInsightData | null;
}

/** Sparkline size in pixels (the SVG's viewBox). */
export const SPARK_SIZE = { width: 84, height: 12 } as const;

/** What a node shows of its training: two sparklines as SVG points and a health dot. */
export interface NodeInsightData {
  /** Polyline points of the activation std (linear scale). */
  stdPoints: string;
  /** Polyline points of the gradient norm (log scale: it spans orders of magnitude). */
  gradPoints: string;
  latestStd: number;
  latestGrad: number;
  health: HealthLevel;
  message: string | null;
}

/**
 * SVG polyline points of a series scaled into a box (min at the bottom, max at the
 * top; a flat series runs through the middle). Non-finite values, and non-positive
 * ones on a log scale, are skipped.
 */
export function sparkPoints(
  values: ArrayLike<number>,
  log = false,
  box: { width: number; height: number } = SPARK_SIZE,
): string {
  const ys: number[] = [];
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = log ? Math.log10(values[i]!) : values[i]!;
    if (!Number.isFinite(v)) continue;
    ys.push(v);
    xs.push(i);
  }
  if (ys.length === 0) return '';
  const lo = Math.min(...ys);
  const span = Math.max(...ys) - lo;
  const dx = values.length > 1 ? box.width / (values.length - 1) : 0;
  const pad = 1; // keep the stroke inside the box
  const y = (v: number) => (span > 0 ? pad + (1 - (v - lo) / span) * (box.height - 2 * pad) : box.height / 2);
  return ys.map((v, k) => `${(xs[k]! * dx).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}

/** The node data of a layer's insight (null without one). */
export function insightData(insight: NodeInsight | undefined): NodeInsightData | null {
  if (!insight) return null;
  return {
    stdPoints: sparkPoints(insight.std),
    gradPoints: sparkPoints(insight.grad, true),
    latestStd: insight.latestStd,
    latestGrad: insight.latestGrad,
    health: insight.health,
    message: insight.message,
  };
}

/** A React Flow node of our single node type. */
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

/** The node type name registered with React Flow. */
export const LAYER_NODE_TYPE = 'layer';

/** Badge priority: errors, then warnings, the generic "not on a path" warning last. */
function rank(d: Diagnostic): number {
  if (d.severity === 'error') return 0;
  return d.code === 'graph/disconnected' ? 2 : 1;
}

/**
 * The most telling problem of each node: its first error, else its first specific
 * warning (such as a shape problem on a layer off the Input-to-Output path, which
 * analysis reports as a warning), else "not on a path".
 */
export function problemsByNode(
  diagnostics: readonly Diagnostic[],
  textOf: (d: Diagnostic) => string = (d) => d.message,
): Map<string, NodeProblem> {
  const best = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    if (d.target.kind !== 'node' || d.severity === 'info') continue;
    const had = best.get(d.target.nodeId);
    if (!had || rank(d) < rank(had)) best.set(d.target.nodeId, d);
  }
  const out = new Map<string, NodeProblem>();
  for (const [id, d] of best)
    out.set(id, { severity: d.severity === 'error' ? 'error' : 'warning', message: textOf(d) });
  return out;
}

/**
 * Maps the document and its analysis to React Flow nodes. Pure: titles come from
 * `titleOf` (the catalog), sizes React Flow measured are passed back in so it does
 * not measure every node again after each edit, and `insights` are the training
 * figures of the layers that have them (layer-stats-view.ts).
 */
export function toFlowNodes(
  doc: Doc,
  analysis: Analysis,
  selection: Selection,
  measured: Readonly<Record<string, NodeSize>>,
  titleOf: (kind: string) => string,
  insights: ReadonlyMap<string, NodeInsight> = new Map(),
  previous?: ReadonlyMap<string, LayerFlowNode>,
  messageOf?: (d: Diagnostic) => string,
): LayerFlowNode[] {
  const problems = problemsByNode(analysis.diagnostics, messageOf);
  const selected = new Set(selection.nodes);
  return doc.layers.map((layer) => {
    const spec = specOf(layer.kind);
    const shape = analysis.shapes.get(layer.id);
    const count = analysis.params.get(layer.id);
    const size = measured[layer.id];
    const status = analysis.status.get(layer.id) ?? 'blocked';
    const problem = problems.get(layer.id) ?? null;
    const node: LayerFlowNode = {
      id: layer.id,
      type: LAYER_NODE_TYPE,
      position: layer.position,
      selected: selected.has(layer.id),
      ariaLabel: `${titleOf(layer.kind)} ${layer.name}`,
      data: {
        kind: layer.kind,
        category: spec?.category ?? 'unknown',
        name: layer.name,
        shape: shape ? formatShape(shape) : null,
        params: count ? count.trainable + count.nonTrainable : null,
        status,
        problem,
        appearance: appearanceOf(status, problem),
        inputs: spec?.inputs.max ?? 1,
        hasOutput: spec?.hasOutput ?? true,
        insight: insightData(insights.get(layer.id)),
      },
    };
    if (size) node.measured = size;
    const before = previous?.get(layer.id);
    // Hand React Flow the very same object when nothing it shows changed: a drag then
    // re-renders only the moved layer, not all of them.
    return before && sameNode(before, node) ? before : node;
  });
}

const sameProblem = (a: NodeProblem | null, b: NodeProblem | null): boolean =>
  a === b || (!!a && !!b && a.severity === b.severity && a.message === b.message);

const sameInsight = (a: NodeInsightData | null, b: NodeInsightData | null): boolean =>
  a === b ||
  (!!a &&
    !!b &&
    a.stdPoints === b.stdPoints &&
    a.gradPoints === b.gradPoints &&
    a.latestStd === b.latestStd &&
    a.latestGrad === b.latestGrad &&
    a.health === b.health &&
    a.message === b.message);

/**
 * A memo of the last elements made, by id: `keep(make)` calls `make` with them and
 * remembers what it returns. One per canvas and element type; toFlowNodes and
 * toFlowEdges reuse the unchanged ones.
 */
export function reuseUnchanged<T extends { id: string }>(): (
  make: (previous: ReadonlyMap<string, T>) => T[],
) => T[] {
  let last: ReadonlyMap<string, T> = new Map();
  return (make) => {
    const made = make(last);
    last = new Map(made.map((n) => [n.id, n]));
    return made;
  };
}

/** True when two nodes of one layer would show the same (data compared field by field). */
export function sameNode(a: LayerFlowNode, b: LayerFlowNode): boolean {
  const da = a.data;
  const db = b.data;
  return (
    a.position === b.position &&
    a.selected === b.selected &&
    a.ariaLabel === b.ariaLabel &&
    a.measured?.width === b.measured?.width &&
    a.measured?.height === b.measured?.height &&
    da.kind === db.kind &&
    da.category === db.category &&
    da.name === db.name &&
    da.shape === db.shape &&
    da.params === db.params &&
    da.status === db.status &&
    da.appearance === db.appearance &&
    da.inputs === db.inputs &&
    da.hasOutput === db.hasOutput &&
    sameProblem(da.problem, db.problem) &&
    sameInsight(da.insight, db.insight)
  );
}

/** Maps the document's wires to React Flow edges; a wire into a failed node is marked. */
export function toFlowEdges(
  doc: Doc,
  analysis: Analysis,
  selection: Selection,
  labelOf: (source: string, target: string) => string,
  previous?: ReadonlyMap<string, Edge>,
): Edge[] {
  const selected = new Set(selection.edges);
  const names = new Map(doc.layers.map((l) => [l.id, l.name]));
  return doc.edges.map((e) => {
    const edge: Edge = {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: OUTPUT_HANDLE,
      targetHandle: inputHandle(e.targetPort),
      selected: selected.has(e.id),
      className: analysis.status.get(e.target) === 'error' ? 'edge-into-error' : undefined,
      ariaLabel: labelOf(names.get(e.source) ?? e.source, names.get(e.target) ?? e.target),
    };
    const before = previous?.get(e.id);
    return before && sameEdge(before, edge) ? before : edge;
  });
}

/** True when two edges of one wire would show the same. */
const sameEdge = (a: Edge, b: Edge): boolean =>
  a.source === b.source &&
  a.target === b.target &&
  a.sourceHandle === b.sourceHandle &&
  a.targetHandle === b.targetHandle &&
  a.selected === b.selected &&
  a.className === b.className &&
  a.ariaLabel === b.ariaLabel;
