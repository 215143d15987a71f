import type { Analysis } from '../../src/analysis/analyze';
import type { Doc } from '../../src/graph/document';
import { specOf } from '../../src/layers/registry';
import { formatShape } from '../../src/tensor/shape';
import type { NodeSize } from '../state/session-store';
import { NODE_SIZE_GUESS } from './drag-kind';

/** One layer as drawn in the exported diagram (flow units). */
export interface DiagramNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  name: string;
  /** Second line: the output shape, or a placeholder. */
  detail: string;
  /** The parameter count as shown on the node ("156 params"), or null when unknown. */
  params: string | null;
  /** The category colour of the node's left bar. */
  color: string;
  inputs: number;
}

/** One wire: into input port `port` of `target`. */
export interface DiagramEdge {
  source: string;
  target: string;
  port: number;
}

/** Colours and font of the diagram, read from the app's theme. */
export interface DiagramTheme {
  background: string;
  surface: string;
  border: string;
  text: string;
  muted: string;
  edge: string;
  font: string;
  mono: string;
}

/** The drawing of a diagram: SVG text and its size in pixels. */
export interface Diagram {
  svg: string;
  width: number;
  height: number;
}

/** Space around the graph in the exported picture. */
export const DIAGRAM_MARGIN = 32;

/** Escapes text for SVG content and attribute values. */
export const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const r1 = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * The diagram's nodes and wires from the document (pure): positions from the document,
 * sizes React Flow measured (a guess for unmeasured ones), titles from `titleOf`,
 * shapes and parameter counts from the analysis, colours from `colorOf(category)`.
 */
export function diagramFromDoc(
  doc: Pick<Doc, 'layers' | 'edges'>,
  analysis: Pick<Analysis, 'shapes' | 'params'>,
  measured: Readonly<Record<string, NodeSize>>,
  titleOf: (kind: string) => string,
  colorOf: (category: string) => string,
  noShape: string,
  paramsText: (count: number) => string,
): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes = doc.layers.map((l) => {
    const spec = specOf(l.kind);
    const size = measured[l.id] ?? NODE_SIZE_GUESS;
    const shape = analysis.shapes.get(l.id);
    const count = analysis.params.get(l.id);
    return {
      id: l.id,
      x: l.position.x,
      y: l.position.y,
      width: size.width,
      height: size.height,
      title: titleOf(l.kind),
      name: l.name,
      detail: shape ? formatShape(shape) : noShape,
      params: count ? paramsText(count.trainable + count.nonTrainable) : null,
      color: colorOf(spec?.category ?? 'unknown'),
      inputs: Math.max(1, spec?.inputs.max ?? 1),
    };
  });
  const edges = doc.edges.map((e) => ({ source: e.source, target: e.target, port: e.targetPort }));
  return { nodes, edges };
}

function edgePath(from: DiagramNode, to: DiagramNode, port: number): string {
  const sx = from.x + from.width / 2;
  const sy = from.y + from.height;
  const tx = to.x + (to.width * (Math.min(port, to.inputs - 1) + 1)) / (to.inputs + 1);
  const ty = to.y;
  const bend = Math.max(24, Math.abs(ty - sy) / 2);
  return `M${r1(sx)},${r1(sy)} C${r1(sx)},${r1(sy + bend)} ${r1(tx)},${r1(ty - bend)} ${r1(tx)},${r1(ty)}`;
}

function nodeSvg(n: DiagramNode, t: DiagramTheme): string {
  const bar = `M${r1(n.x + 8)},${r1(n.y)} h-2 a6,6 0 0 0 -6,6 v${r1(n.height - 12)} a6,6 0 0 0 6,6 h2 z`;
  const title = escapeXml(n.title);
  const line2 = n.y + Math.min(n.height - 10, 36);
  return [
    `<g class="layer" data-id="${escapeXml(n.id)}">`,
    `<rect x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(n.width)}" height="${r1(n.height)}" rx="8" fill="${t.surface}" stroke="${t.border}"/>`,
    `<path d="${bar}" fill="${n.color}"/>`,
    `<text x="${r1(n.x + 14)}" y="${r1(n.y + 18)}" font-size="13" fill="${t.text}"><tspan font-weight="600">${title}</tspan><tspan dx="6" fill="${t.muted}">${escapeXml(n.name)}</tspan></text>`,
    `<text x="${r1(n.x + 14)}" y="${r1(line2)}" font-size="11" font-family="${escapeXml(t.mono)}" fill="${t.muted}">${escapeXml(n.detail)}</text>`,
    n.params === null
      ? ''
      : `<text x="${r1(n.x + n.width - 8)}" y="${r1(line2)}" font-size="10" text-anchor="end" fill="${t.muted}">${escapeXml(n.params)}</text>`,
    `</g>`,
  ].join('');
}

/**
 * Draws the network as a standalone SVG for slides (pure): rounded boxes with the layer's
 * title, name and output shape, bezier wires with arrowheads into their ports, on the
 * theme's background, cropped to the graph with `margin` around it.
 */
export function diagramSvg(
  graph: { nodes: readonly DiagramNode[]; edges: readonly DiagramEdge[] },
  theme: DiagramTheme,
  title: string,
  margin = DIAGRAM_MARGIN,
): Diagram {
  const { nodes, edges } = graph;
  const any = nodes.length > 0;
  const left = any ? Math.min(...nodes.map((n) => n.x)) : 0;
  const top = any ? Math.min(...nodes.map((n) => n.y)) : 0;
  const right = any ? Math.max(...nodes.map((n) => n.x + n.width)) : 0;
  const bottom = any ? Math.max(...nodes.map((n) => n.y + n.height)) : 0;
  const width = Math.ceil(right - left + 2 * margin);
  const height = Math.ceil(bottom - top + 2 * margin);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const wires = edges.flatMap((e) => {
    const from = byId.get(e.source);
    const to = byId.get(e.target);
    return from && to ? [`<path d="${edgePath(from, to, e.port)}" marker-end="url(#arrow)"/>`] : [];
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${r1(left - margin)} ${r1(top - margin)} ${width} ${height}" font-family="${escapeXml(theme.font)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${theme.edge}"/></marker></defs>`,
    `<rect x="${r1(left - margin)}" y="${r1(top - margin)}" width="${width}" height="${height}" fill="${theme.background}"/>`,
    `<g class="wires" fill="none" stroke="${theme.edge}" stroke-width="1.5">${wires.join('')}</g>`,
    `<g class="layers">${nodes.map((n) => nodeSvg(n, theme)).join('')}</g>`,
    `</svg>`,
  ].join('\n');
  return { svg, width, height };
}
