import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze';
import {
  inputHandle,
  OUTPUT_HANDLE,
  portOfHandle,
  problemsByNode,
  reuseUnchanged,
  toFlowEdges,
  toFlowNodes,
  type LayerFlowNode,
} from '../../renderer/canvas/flow-nodes';
import { NO_SELECTION } from '../../renderer/state/session-store';
import { moveLayers, renameLayer } from '../../src/graph/commands';
import { lenet, lenetWithDenseOnImage, must } from './doc-fixtures';

const titleOf = (kind: string): string => ({ conv2d: 'Conv2D', dense: 'Dense' })[kind] ?? kind;
const label = (s: string, t: string): string => `${s}->${t}`;

describe('toFlowNodes', () => {
  it('keeps the node objects of unchanged layers, so a drag re-renders only the moved one', () => {
    const doc = lenet();
    const analysis = analyze(doc);
    const keep = reuseUnchanged<LayerFlowNode>();
    const first = keep((prev) => toFlowNodes(doc, analysis, NO_SELECTION, {}, titleOf, new Map(), prev));
    const moved = must(moveLayers(doc, new Map([['conv2', { x: 400, y: 300 }]])));
    const second = keep((prev) => toFlowNodes(moved, analysis, NO_SELECTION, {}, titleOf, new Map(), prev));
    const changed = second.filter((n, i) => n !== first[i]).map((n) => n.id);
    expect(changed).toEqual(['conv2']);
    expect(second.find((n) => n.id === 'conv2')!.position).toEqual({ x: 400, y: 300 });
    // Selecting one layer and renaming another: exactly those two get new objects.
    const renamed = must(renameLayer(moved, 'pool1', 'first pool'));
    const third = keep((prev) =>
      toFlowNodes(renamed, analyze(renamed), { nodes: ['bn1'], edges: [] }, {}, titleOf, new Map(), prev),
    );
    expect(third.filter((n, i) => n !== second[i]).map((n) => n.id)).toEqual(['bn1', 'pool1']);
    expect(third.find((n) => n.id === 'pool1')!.data.name).toBe('first pool');
  });

  it('shows shapes, parameter counts and accessible names from the analysis', () => {
    const doc = lenet();
    const nodes = toFlowNodes(doc, analyze(doc), NO_SELECTION, {}, titleOf);
    const conv1 = nodes.find((n) => n.id === 'conv1')!;
    expect(conv1).toMatchObject({
      type: 'layer',
      ariaLabel: 'Conv2D conv1',
      position: doc.layers.find((l) => l.id === 'conv1')!.position,
      data: { kind: 'conv2d', category: 'convolution', name: 'conv1', shape: '[?, 24, 24, 6]', params: 156 },
    });
    expect(conv1.data.status).toBe('ok');
    expect(conv1.data.problem).toBeNull();
    expect(nodes.find((n) => n.id === 'bn1')!.data.params).toBe(24); // 12 trainable + 12 running stats
    expect(nodes.find((n) => n.id === 'output')!.data.hasOutput).toBe(false);
    expect(nodes.find((n) => n.id === 'input')!.data.inputs).toBe(0);
    expect(nodes).toHaveLength(doc.layers.length);
  });

  it('flags the failing node with its message and dims everything downstream', () => {
    const doc = lenetWithDenseOnImage();
    const nodes = toFlowNodes(doc, analyze(doc), NO_SELECTION, {}, titleOf);
    const dense = nodes.find((n) => n.id === 'd')!;
    expect(dense.data.status).toBe('error');
    expect(dense.data.problem?.severity).toBe('error');
    expect(dense.data.problem?.message).toContain('[?, 24, 24, 6]');
    expect(dense.data.shape).toBeNull();
    expect(dense.data.params).toBeNull();
    const output = nodes.find((n) => n.id === 'output')!;
    expect(output.data.status).toBe('blocked');
    expect(output.data.problem).toBeNull();
  });

  it('passes selection and measured sizes through, and holds no functions', () => {
    const doc = lenet();
    const nodes = toFlowNodes(
      doc,
      analyze(doc),
      { nodes: ['conv1'], edges: [] },
      { conv1: { width: 200, height: 50 } },
      titleOf,
    );
    const conv1 = nodes.find((n) => n.id === 'conv1')!;
    expect(conv1.selected).toBe(true);
    expect(conv1.measured).toEqual({ width: 200, height: 50 });
    expect(nodes.find((n) => n.id === 'bn1')!.measured).toBeUndefined();
    const json = JSON.parse(JSON.stringify(nodes.map((n) => n.data)));
    expect(json).toEqual(nodes.map((n) => n.data)); // plain data only
  });
});

describe('toFlowEdges', () => {
  it('maps wires to handles and marks wires into failing nodes', () => {
    const doc = lenetWithDenseOnImage();
    const edges = toFlowEdges(doc, analyze(doc), { nodes: [], edges: ['bn1-d'] }, label);
    const e = edges.find((x) => x.id === 'bn1-d')!;
    expect(e).toMatchObject({
      source: 'bn1',
      target: 'd',
      sourceHandle: OUTPUT_HANDLE,
      targetHandle: inputHandle(0),
      selected: true,
      className: 'edge-into-error',
      ariaLabel: 'bn1->dense4',
    });
    expect(edges.find((x) => x.id === 'd-next')!.className).toBeUndefined();
  });
});

describe('helpers', () => {
  it('parses port handles', () => {
    expect(portOfHandle('in-3')).toBe(3);
    expect(portOfHandle(null)).toBe(0);
    expect(portOfHandle('out')).toBe(0);
  });

  it('prefers an error over a warning on a node', () => {
    const doc = lenetWithDenseOnImage();
    const p = problemsByNode(analyze(doc).diagnostics);
    expect(p.get('d')?.severity).toBe('error');
  });
});

describe('badge choice', () => {
  it('shows a stray layer’s shape problem rather than "not on a path"', async () => {
    const { addLayer, connectPorts } = await import('../../src/graph/commands');
    const { must } = await import('./doc-fixtures');
    let doc = must(addLayer(lenet(), { id: 'd', kind: 'dense', position: { x: 0, y: 0 } }));
    doc = must(connectPorts(doc, { id: 'x', source: 'bn1', target: 'd', targetPort: 0 }));
    const p = problemsByNode(analyze(doc).diagnostics).get('d');
    expect(p?.severity).toBe('warning');
    expect(p?.message).toContain('needs a rank-2 input');
  });
});

describe('appearanceOf', () => {
  it('ranks error, blocked, warning and ok', async () => {
    const { appearanceOf } = await import('../../renderer/canvas/flow-nodes');
    expect(appearanceOf('error', { severity: 'error', message: '' })).toBe('error');
    expect(appearanceOf('blocked', { severity: 'warning', message: '' })).toBe('blocked');
    expect(appearanceOf('error', { severity: 'warning', message: '' })).toBe('warning');
    expect(appearanceOf('ok', null)).toBe('ok');
  });
});
