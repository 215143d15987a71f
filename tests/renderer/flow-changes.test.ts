import type { EdgeChange, NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { addLayer } from '../../src/graph/commands';
import {
  connectCommand,
  deleteCommand,
  interpretEdgeChanges,
  interpretNodeChanges,
} from '../../renderer/canvas/flow-changes';
import type { LayerFlowNode } from '../../renderer/canvas/flow-nodes';
import { NO_SELECTION } from '../../renderer/state/session-store';
import { lenet, must } from './doc-fixtures';

type NC = NodeChange<LayerFlowNode>;

describe('interpretNodeChanges', () => {
  it('turns position changes into one moveLayers command', () => {
    const doc = lenet();
    const changes: NC[] = [
      { type: 'position', id: 'conv1', position: { x: 10, y: 20 }, dragging: true },
      { type: 'position', id: 'bn1', position: { x: 30, y: 40 }, dragging: true },
    ];
    const fx = interpretNodeChanges(changes, NO_SELECTION, {});
    const moved = must(fx.move!(doc));
    expect(moved.layers.find((l) => l.id === 'conv1')!.position).toEqual({ x: 10, y: 20 });
    expect(moved.layers.find((l) => l.id === 'bn1')!.position).toEqual({ x: 30, y: 40 });
    expect(fx.selection).toBeNull();
    expect(fx.measured).toBeNull();
    expect(fx.removed).toEqual([]);
  });

  it('updates selection, removals and measured sizes without touching the document', () => {
    const changes: NC[] = [
      { type: 'select', id: 'conv1', selected: true },
      { type: 'select', id: 'bn1', selected: false },
      { type: 'dimensions', id: 'conv1', dimensions: { width: 200, height: 52 } },
      { type: 'remove', id: 'sigmoid1' },
    ];
    const fx = interpretNodeChanges(changes, { nodes: ['bn1'], edges: ['e'] }, {});
    expect(fx.move).toBeNull();
    expect(fx.selection).toEqual({ nodes: ['conv1'], edges: ['e'] });
    expect(fx.measured).toEqual({ conv1: { width: 200, height: 52 } });
    expect(fx.removed).toEqual(['sigmoid1']);
  });

  it('ignores sizes and selections that did not change', () => {
    const fx = interpretNodeChanges(
      [
        { type: 'dimensions', id: 'a', dimensions: { width: 1, height: 2 } },
        { type: 'select', id: 'a', selected: true },
      ],
      { nodes: ['a'], edges: [] },
      { a: { width: 1, height: 2 } },
    );
    expect(fx.measured).toBeNull();
    expect(fx.selection).toBeNull();
  });
});

describe('interpretEdgeChanges', () => {
  it('reports removals of existing wires only, and selection', () => {
    const doc = lenet();
    const id = doc.edges[0]!.id;
    const changes: EdgeChange[] = [
      { type: 'remove', id },
      { type: 'remove', id: 'gone' },
      { type: 'select', id, selected: true },
    ];
    expect(interpretEdgeChanges(changes, NO_SELECTION, doc)).toEqual({
      removed: [id],
      selection: { nodes: [], edges: [id] },
    });
  });
});

describe('connectCommand', () => {
  const withConv = () => must(addLayer(lenet(), { id: 'c', kind: 'conv2d', position: { x: 0, y: 0 } }));

  it('connects a free input port', () => {
    const doc = must(connectCommand({ source: 'input', target: 'c', targetHandle: 'in-0' })(withConv()));
    expect(doc.edges.filter((e) => e.target === 'c')).toEqual([
      { id: 'input->c:0', source: 'input', target: 'c', targetPort: 0 },
    ]);
  });

  it('replaces the wire on an occupied single input', () => {
    const before = withConv();
    const doc = must(connectCommand({ source: 'c', target: 'bn1', targetHandle: 'in-0' })(before));
    const into = doc.edges.filter((e) => e.target === 'bn1');
    expect(into).toHaveLength(1);
    expect(into[0]!.source).toBe('c');
    expect(doc.edges).toHaveLength(before.edges.length);
  });

  it('refuses a cycle with the connect rule reason', () => {
    const r = connectCommand({ source: 'bn1', target: 'conv1', targetHandle: 'in-0' })(lenet());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('cycle');
  });

  it('refuses wires out of the Output and into the Input', () => {
    const r1 = connectCommand({ source: 'output', target: 'conv1', targetHandle: 'in-0' })(lenet());
    const r2 = connectCommand({ source: 'conv1', target: 'input', targetHandle: 'in-0' })(lenet());
    expect(!r1.ok && r1.error.code).toBe('source-has-no-output');
    expect(!r2.ok && r2.error.code).toBe('target-has-no-input');
  });

  it('leaves the document as it is when the same wire is drawn again', () => {
    const doc = lenet();
    const e = doc.edges[0]!;
    expect(must(connectCommand({ source: e.source, target: e.target, targetHandle: 'in-0' })(doc))).toBe(doc);
  });
});

describe('deleteCommand', () => {
  it('removes selected layers with their wires and selected wires in one command', () => {
    const doc = lenet();
    const wire = doc.edges.find((e) => e.source === 'flatten')!;
    const out = must(deleteCommand({ nodes: ['sigmoid1'], edges: [wire.id] })(doc));
    expect(out.layers.some((l) => l.id === 'sigmoid1')).toBe(false);
    expect(out.edges.some((e) => e.source === 'sigmoid1' || e.target === 'sigmoid1')).toBe(false);
    expect(out.edges.some((e) => e.id === wire.id)).toBe(false);
    expect(out.edges).toHaveLength(doc.edges.length - 3);
  });
});
