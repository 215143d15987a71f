import { describe, expect, it } from 'vitest';
import {
  blockNodeId,
  collapseView,
  expandBlockChanges,
  visibleCentres,
  visibleOrder,
} from '../../renderer/canvas/block-view';
import { decorateConnect, markDropEdge } from '../../renderer/canvas/connect-view';
import { diagramFromDoc, diagramSvg, escapeXml, type DiagramTheme } from '../../renderer/canvas/diagram-svg';
import { PREVIEW_EDGE_ID } from '../../renderer/canvas/edge-hit';
import { toFlowEdges, toFlowNodes } from '../../renderer/canvas/flow-nodes';
import { insertOnEdgeCommand, noOutcome } from '../../renderer/canvas/insert-layer';
import {
  arrowDirection,
  connectTargets,
  cycleTarget,
  layerCentres,
  nearestInDirection,
  pickInDirection,
} from '../../renderer/canvas/keyboard-nav';
import { commonFirst } from '../../renderer/canvas/LayerPicker';
import { analyze } from '../../src/analysis/analyze';
import { groupLayers, setBlockCollapsed } from '../../src/graph/blocks';
import { addLayer } from '../../src/graph/commands';
import { NO_SELECTION } from '../../renderer/state/session-store';
import { lenet, must } from './doc-fixtures';

const THEME: DiagramTheme = {
  background: '#fff',
  surface: '#fff',
  border: '#ccc',
  text: '#111',
  muted: '#666',
  edge: '#666',
  font: "'Inter', sans-serif",
  mono: 'monospace',
};

describe('keyboard navigation', () => {
  const pts = new Map([
    ['below', { x: 0, y: 100 }],
    ['belowFarSide', { x: 90, y: 60 }],
    ['above', { x: 0, y: -80 }],
    ['right', { x: 200, y: 5 }],
  ]);
  it('reads arrow keys', () => {
    expect(arrowDirection('ArrowDown')).toBe('down');
    expect(arrowDirection('Enter')).toBeNull();
  });
  it('picks the nearest node ahead, preferring ones in line', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, pts, 'down')).toBe('below');
    expect(nearestInDirection({ x: 0, y: 0 }, pts, 'up')).toBe('above');
    expect(nearestInDirection({ x: 0, y: 0 }, pts, 'right')).toBe('belowFarSide');
    expect(nearestInDirection({ x: 0, y: 0 }, pts, 'left')).toBeNull();
  });
  it('lists targets with the connect rules, skipping refused ones with their reason', () => {
    const doc = lenet();
    const targets = connectTargets(doc, 'dense3');
    expect(targets.find((t) => t.id === 'input')!.rejection!.reason).toBe('target-has-no-input');
    expect(targets.find((t) => t.id === 'conv1')!.rejection!.reason).toBe('port-taken');
    expect(targets.find((t) => t.id === 'output')!.rejection!.reason).toBe('duplicate');
    expect(targets.some((t) => t.id === 'dense3')).toBe(false);
    // From bn1 upwards: conv1 (its input is taken) is skipped and reported; nothing valid lies above.
    const centres = layerCentres(doc, {});
    const up = pickInDirection(centres.get('bn1')!, connectTargets(doc, 'bn1'), centres, 'up');
    expect(up.target).toBeNull();
    expect(up.skipped?.id).toBe('conv1');
  });
  it('cycles valid targets for Tab and Shift+Tab', () => {
    const targets = [
      { id: 'a', port: 0, rejection: null },
      { id: 'b', port: 0, rejection: { reason: 'cycle' as const, values: {} } },
      { id: 'c', port: 0, rejection: null },
    ];
    expect(cycleTarget(targets, null, false)).toBe('a');
    expect(cycleTarget(targets, 'a', false)).toBe('c');
    expect(cycleTarget(targets, 'c', false)).toBe('a');
    expect(cycleTarget(targets, 'a', true)).toBe('c');
  });
});

describe('connect mode view', () => {
  it('marks source, target and refused layers, and adds a preview wire', () => {
    const doc = lenet();
    const analysis = analyze(doc);
    const nodes = toFlowNodes(doc, analysis, NO_SELECTION, {}, (k) => k);
    const edges = toFlowEdges(doc, analysis, NO_SELECTION, () => '');
    const out = decorateConnect(doc, nodes, edges, { source: 'dense3', target: null });
    const cls = (id: string) => out.nodes.find((n) => n.id === id)!.className;
    expect(cls('dense3')).toBe('connect-source');
    expect(cls('input')).toBe('connect-invalid');
    expect(out.edges).toHaveLength(edges.length); // no target yet: no preview
    const d = must(addLayer(doc, { id: 'x', kind: 'dense', position: { x: 0, y: 0 } }));
    const withX = toFlowNodes(d, analyze(d), NO_SELECTION, {}, (k) => k);
    const picked = decorateConnect(d, withX, edges, { source: 'dense3', target: 'x' });
    expect(picked.nodes.find((n) => n.id === 'x')!.className).toBe('connect-target');
    expect(picked.edges.at(-1)!.id).toBe(PREVIEW_EDGE_ID);
    const dropped = markDropEdge(edges, edges[0]!.id, 'Drop here')[0]!;
    expect(dropped.className).toContain('edge-drop-target');
    expect(dropped.label).toBe('Drop here');
  });
});

describe('insertOnEdgeCommand', () => {
  it('inserts into the wire and moves the layers below down to make room', () => {
    const doc = lenet();
    const edge = doc.edges.find((e) => e.source === 'conv1' && e.target === 'bn1')!;
    const out = noOutcome();
    const next = must(insertOnEdgeCommand(edge.id, 'dropout', out)(doc));
    expect(out.refused).toBeNull();
    expect(next.edges.some((e) => e.source === 'conv1' && e.target === out.id)).toBe(true);
    expect(next.edges.some((e) => e.source === out.id && e.target === 'bn1')).toBe(true);
    const y = (d: typeof doc, id: string) => d.layers.find((l) => l.id === id)!.position.y;
    expect(y(next, out.id!)).toBe(y(doc, 'bn1'));
    expect(y(next, 'bn1')).toBeGreaterThan(y(doc, 'bn1'));
    expect(y(next, 'output') - y(doc, 'output')).toBe(y(next, 'bn1') - y(doc, 'bn1'));
    expect(y(next, 'conv1')).toBe(y(doc, 'conv1'));
  });
  it('adds a kind the rules refuse without touching the wire, saying why', () => {
    const doc = lenet();
    const edge = doc.edges[1]!;
    const out = noOutcome();
    const next = must(insertOnEdgeCommand(edge.id, 'input', out, { x: 5, y: 5 })(doc));
    expect(out.refused?.code).toBe('target-has-no-input');
    expect(next.layers).toHaveLength(doc.layers.length + 1);
    expect(next.edges).toEqual(doc.edges);
  });
});

describe('diagramSvg', () => {
  it('draws every layer and wire, cropped to the graph with a margin', () => {
    const doc = lenet();
    const graph = diagramFromDoc(
      doc,
      analyze(doc),
      {},
      (k) => `T:${k}`,
      () => '#123456',
      '?',
      (n) => `${n} p`,
    );
    const { svg, width, height } = diagramSvg(graph, THEME, 'My <net>', 10);
    for (const l of doc.layers) expect(svg).toContain(`>${l.name}</tspan>`);
    expect(svg.match(/marker-end/g)).toHaveLength(doc.edges.length);
    expect(svg).toContain('<title>My &lt;net&gt;</title>');
    expect(svg).toContain('156 p'); // conv1's parameters
    const xs = doc.layers.map((l) => l.position.x);
    expect(width).toBe(Math.ceil(Math.max(...xs) + 216 - Math.min(...xs) + 20));
    expect(height).toBeGreaterThan(width);
  });
  it('escapes text', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});

describe('layer picker order', () => {
  it('puts the common kinds first, the rest in their order', () => {
    expect(commonFirst(['input', 'dense', 'reshape', 'conv2d'])).toEqual([
      'conv2d',
      'dense',
      'input',
      'reshape',
    ]);
  });
});

describe('collapsed blocks on the canvas', () => {
  const grouped = () => must(groupLayers(lenet(), ['conv1', 'bn1'], { id: 'b1', name: 'Stem' }));
  it('draws a collapsed block as one node, hiding its inside wire and rerouting the others', () => {
    const doc = grouped();
    const analysis = analyze(doc);
    const nodes = toFlowNodes(doc, analysis, NO_SELECTION, {}, (k) => k);
    const edges = toFlowEdges(doc, analysis, NO_SELECTION, () => '');
    const view = collapseView(doc, nodes, edges, { nodes: ['conv1', 'bn1'], edges: [] }, (k) => k, 'Block');
    expect(view.nodes.some((n) => n.id === 'conv1' || n.id === 'bn1')).toBe(false);
    const block = view.nodes.find((n) => n.id === blockNodeId('b1'))!;
    expect(block.selected).toBe(true);
    expect(block.ariaLabel).toBe('Block Stem');
    expect(view.edges.some((e) => e.source === 'conv1' && e.target === 'bn1')).toBe(false);
    expect(view.edges.find((e) => e.source === 'input')!.target).toBe(blockNodeId('b1'));
    expect(view.edges.filter((e) => e.source === blockNodeId('b1'))).toHaveLength(1);
    expect(visibleOrder(doc).slice(0, 3)).toEqual(['input', blockNodeId('b1'), 'sigmoid1']);
    expect(visibleCentres(doc, {}).has('conv1')).toBe(false);
    // Expanded, everything is drawn as usual.
    const open = must(setBlockCollapsed(doc, 'b1', false));
    expect(collapseView(open, nodes, edges, NO_SELECTION, (k) => k, 'Block').nodes).toBe(nodes);
  });
  it('moves and selects a block through its layers', () => {
    const doc = grouped();
    const conv = doc.layers.find((l) => l.id === 'conv1')!.position;
    const bn = doc.layers.find((l) => l.id === 'bn1')!.position;
    const corner = { x: Math.min(conv.x, bn.x), y: Math.min(conv.y, bn.y) }; // the block node's place
    const moved = expandBlockChanges(
      [{ type: 'position', id: blockNodeId('b1'), position: { x: corner.x + 10, y: corner.y + 20 } }],
      doc,
    );
    expect(moved.map((c) => c.type === 'position' && c.id)).toEqual(['conv1', 'bn1']);
    const first = moved[0]!;
    expect(first.type === 'position' && first.position).toEqual({ x: conv.x + 10, y: conv.y + 20 });
    const sel = expandBlockChanges([{ type: 'select', id: blockNodeId('b1'), selected: true }], doc);
    expect(sel.map((c) => c.type === 'select' && c.id)).toEqual(['conv1', 'bn1']);
  });
});
