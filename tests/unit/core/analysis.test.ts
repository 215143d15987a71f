import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { compilePlan } from '../../../src/compiler/plan';
import { addLayer, setLayerParam } from '../../../src/graph/commands';
import { chain, emptyDoc, template } from './doc-helpers';

const codes = (doc: Parameters<typeof analyze>[0]) => analyze(doc).diagnostics.map((d) => d.code);

describe('analyze', () => {
  it('infers every shape of a small valid chain', () => {
    const doc = chain([['input'], ['conv2d', { filters: 4, kernelSize: 3 }], ['flatten'], ['dense', { units: 10 }], ['output']]);
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.shapes.get('l1')).toEqual([null, 26, 26, 4]);
    expect(a.shapes.get('l2')).toEqual([null, 2704]);
    expect(a.totals.trainable).toBe(40 + 27050);
    expect(a.order).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
  });

  it('puts a too-large kernel on the conv node, names the shapes and blocks what follows', () => {
    const doc = chain([
      ['input', { source: 'fixed', height: 3, width: 3, channels: 1 }],
      ['conv2d', { kernelSize: 5 }],
      ['flatten'],
      ['dense', { units: 10 }],
      ['output'],
    ]);
    const a = analyze({ ...doc, dataset: { kind: 'imported', id: 'x', name: 'x', inputShape: [3, 3, 1], classes: 10 } });
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'shape/too-small', target: { kind: 'node', nodeId: 'l1', param: 'kernelSize' } });
    expect(errors[0]!.message).toContain('5x5');
    expect(errors[0]!.message).toContain('3x3');
    expect(a.status.get('l1')).toBe('error');
    expect(a.status.get('l2')).toBe('blocked');
    expect(a.status.get('l4')).toBe('blocked');
  });

  it('reports Dense on an image with the shape in the message', () => {
    const doc = chain([['input'], ['dense', { units: 10 }], ['output']]);
    const d = analyze(doc).diagnostics.find((x) => x.code === 'shape/rank-mismatch')!;
    expect(d.target).toMatchObject({ nodeId: 'l1' });
    expect(d.message).toContain('[?, 28, 28, 1]');
  });

  it('reports missing Input and Output on the document', () => {
    expect(codes(emptyDoc())).toEqual(expect.arrayContaining(['graph/no-input', 'graph/no-output']));
  });

  it('warns about a stray layer without blocking compilation', () => {
    const base = chain([['input'], ['flatten'], ['dense', { units: 10 }], ['output']]);
    const r = addLayer(base, { id: 'stray', kind: 'dense', position: { x: 300, y: 0 } });
    const doc = r.ok ? r.value : base;
    const a = analyze(doc);
    const stray = a.diagnostics.filter((d) => d.target.kind === 'node' && d.target.nodeId === 'stray');
    expect(stray.map((d) => d.code)).toEqual(expect.arrayContaining(['graph/disconnected', 'graph/missing-input']));
    expect(stray.every((d) => d.severity === 'warning')).toBe(true);
    const plan = compilePlan(doc, a);
    expect(plan.ok && plan.value.nodes.map((n) => n.id)).toEqual(['l1', 'l2']);
  });

  it('finds a cycle and names its path', () => {
    const doc = chain([['input'], ['dense'], ['dense'], ['output']]);
    const cyclic = { ...doc, edges: [...doc.edges, { id: 'back', source: 'l2', target: 'l1', targetPort: 0 }] };
    const a = analyze(cyclic);
    const cyc = a.diagnostics.filter((d) => d.code === 'graph/cycle');
    expect(cyc.length).toBeGreaterThan(0);
    expect(cyc[0]!.message).toMatch(/dense1 → dense2 → dense1|dense2 → dense1 → dense2/);
  });

  it('flags a parameter out of range on the parameter', () => {
    const doc = chain([['input'], ['dropout'], ['flatten'], ['dense', { units: 10 }], ['output']]);
    const r = setLayerParam(doc, 'l1', 'rate', 1.5);
    expect(r.ok).toBe(true);
    const a = analyze(r.ok ? r.value : doc);
    expect(a.diagnostics[0]).toMatchObject({ code: 'param/out-of-range', target: { nodeId: 'l1', param: 'rate' } });
  });

  it('checks the Output against the dataset class count', () => {
    const doc = chain([['input'], ['flatten'], ['dense', { units: 7 }], ['output']]);
    expect(codes(doc)).toContain('shape/class-count-mismatch');
  });

  it('refuses to compile while errors exist and compiles the template deterministically', () => {
    expect(compilePlan(chain([['input'], ['dense'], ['output']])).ok).toBe(false);
    const a = compilePlan(template('lenet-bn'));
    const b = compilePlan(template('lenet-bn'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.ok && a.value.params).toEqual({ trainable: 44878, nonTrainable: 452 });
    expect(a.ok && a.value.nodes[0]).toMatchObject({ id: 'conv1', className: 'Conv2D', inputs: ['input'] });
  });
});

describe('analyze: an Output cut off from the Input', () => {
  it('is an error on the Output, so training stays disabled', () => {
    const doc = chain([['input'], ['flatten'], ['dense', { units: 10 }], ['output']]);
    const cut = { ...doc, edges: doc.edges.filter((e) => e.target !== 'l3') };
    const a = analyze(cut);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(expect.arrayContaining(['graph/output-unreachable']));
    expect(errors.find((d) => d.code === 'graph/output-unreachable')!.target).toMatchObject({ nodeId: 'l3' });
    expect(compilePlan(cut, a).ok).toBe(false);
  });
});
