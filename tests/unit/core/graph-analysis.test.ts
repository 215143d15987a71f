import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { compilePlan } from '../../../src/compiler/plan';
import { addLayer, connectPorts, setLayerParam } from '../../../src/graph/commands';
import type { Doc } from '../../../src/graph/document';
import { chain, graph, template } from './doc-helpers';

/** A residual block; `filtersB` other than 8 breaks the Add. Wires into the Add are made port 1 first. */
const residual = (filtersB = 8, merge = 'add'): Doc =>
  graph(
    [
      ['in', 'input'],
      ['a', 'conv2d', { filters: 8, padding: 'same' }],
      ['b', 'conv2d', { filters: filtersB, padding: 'same', initializer: 'heNormal' }],
      ['sum', merge],
      ['gap', 'global-avg-pool2d'],
      ['fc', 'dense', { units: 10 }],
      ['out', 'output'],
    ],
    [
      ['in', 'a'],
      ['a', 'b'],
      ['b', 'sum', 1],
      ['a', 'sum', 0],
      ['sum', 'gap'],
      ['gap', 'fc'],
      ['fc', 'out'],
    ],
  );

const errors = (doc: Doc) => analyze(doc).diagnostics.filter((d) => d.severity === 'error');

describe('merging branches', () => {
  it('infers a residual block and compiles the Add inputs in port order', () => {
    const doc = residual();
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.shapes.get('sum')).toEqual([null, 28, 28, 8]);
    expect(a.macs.get('sum')).toBe(28 * 28 * 8);
    const plan = compilePlan(doc, a);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.nodes.find((n) => n.id === 'sum')).toMatchObject({
      className: 'Add',
      inputs: ['a', 'b'],
    });
    expect(plan.value.nodes.find((n) => n.id === 'b')!.config.kernelInitializer).toBe('heNormal');
    expect(plan.value.head).toEqual({ kind: 'classification', classes: 10 });
  });

  it('names both shapes and the odd port when Add inputs differ', () => {
    const [d] = errors(residual(4));
    expect(d).toMatchObject({ code: 'shape/add-mismatch', target: { kind: 'node', nodeId: 'sum', port: 1 } });
    expect(d!.message).toContain('[?, 28, 28, 8], [?, 28, 28, 4]');
  });

  it('concatenates channels in port order', () => {
    const doc = residual(4, 'concatenate');
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.shapes.get('sum')).toEqual([null, 28, 28, 12]);
    const plan = compilePlan(doc, a);
    expect(plan.ok && plan.value.nodes.find((n) => n.id === 'sum')!.inputs).toEqual(['a', 'b']);
  });

  it('reports a merge with a single input as an input-count error', () => {
    const doc = graph(
      [
        ['in', 'input'],
        ['f', 'flatten'],
        ['sum', 'add'],
        ['out', 'output'],
      ],
      [
        ['in', 'f'],
        ['f', 'sum'],
        ['sum', 'out'],
      ],
    );
    expect(errors(doc)[0]).toMatchObject({ code: 'graph/input-count', values: { count: 1, min: 2, max: 8 } });
  });

  it('offers eight ports and refuses a ninth', () => {
    const doc = graph(
      [
        ['in', 'input'],
        ['sum', 'add'],
      ],
      [],
    );
    expect(connectPorts(doc, { id: 'x', source: 'in', target: 'sum', targetPort: 7 }).ok).toBe(true);
    expect(connectPorts(doc, { id: 'x', source: 'in', target: 'sum', targetPort: 8 })).toMatchObject({
      ok: false,
      error: { code: 'port-out-of-range' },
    });
  });
});

describe('reshape and parameter checks', () => {
  const withReshape = (target: string) =>
    chain([
      ['input'],
      ['flatten'],
      ['reshape', { targetShape: target }],
      ['conv2d', { filters: 2 }],
      ['flatten'],
      ['dense', { units: 10 }],
      ['output'],
    ]);

  it('reshapes a vector back into an image', () => {
    const a = analyze(withReshape('14, 14, 4'));
    expect(a.diagnostics).toEqual([]);
    expect(a.shapes.get('l2')).toEqual([null, 14, 14, 4]);
    expect(a.shapes.get('l3')).toEqual([null, 12, 12, 2]);
  });

  it('reports a reshape whose sizes do not multiply to the input size on its parameter', () => {
    const [d] = errors(withReshape('14,14,3'));
    expect(d).toMatchObject({ code: 'shape/reshape-size', target: { nodeId: 'l2', param: 'targetShape' } });
    expect(d!.message).toContain('784');
    expect(d!.message).toContain('588');
  });

  it('accepts any text in the command and reports a malformed shape in analysis', () => {
    const r = setLayerParam(withReshape('-1'), 'l2', 'targetShape', '7 by 7');
    expect(r.ok).toBe(true);
    expect(r.ok && errors(r.value)[0]).toMatchObject({
      code: 'param/invalid',
      target: { param: 'targetShape' },
    });
  });

  it('refuses a stride combined with a dilation, on the dilation', () => {
    const doc = chain([
      ['input'],
      ['conv2d', { strides: 2, dilation: 2 }],
      ['flatten'],
      ['dense', { units: 10 }],
      ['output'],
    ]);
    expect(errors(doc)[0]).toMatchObject({
      code: 'param/stride-and-dilation',
      target: { param: 'dilation' },
    });
  });
});

describe('activation memory and heads', () => {
  it('counts 4 bytes per output value per example, none for the head', () => {
    const a = analyze(template('lenet-bn'));
    expect(a.activationBytes.get('input')).toBe(28 * 28 * 4);
    expect(a.activationBytes.get('conv1')).toBe(24 * 24 * 6 * 4);
    expect(a.activationBytes.get('dense3')).toBe(40);
    expect(a.activationBytes.get('output')).toBe(0);
    const sum = [...a.activationBytes.values()].reduce((x, y) => x + y, 0);
    expect(a.totals.activationBytes).toBe(sum);
    expect(sum).toBe(64888);
  });

  it('compiles a regression head with its loss and width', () => {
    // On a regression set (the toy saddle: two inputs, one target value per row).
    const doc: Doc = {
      ...chain([['input'], ['dense', { units: 1 }], ['regression-output', { loss: 'mae' }]]),
      dataset: { kind: 'builtin', id: 'toy-saddle' },
    };
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.outputShape).toEqual([null, 1]);
    const plan = compilePlan(doc, a);
    expect(plan.ok && plan.value.head).toEqual({ kind: 'regression', loss: 'mae', units: 1 });
  });

  it('marks a Regression output on a set with class labels as an error naming the dataset', () => {
    const doc = chain([['input'], ['flatten'], ['dense', { units: 1 }], ['regression-output']]);
    const [d, ...more] = errors(doc);
    expect(more).toEqual([]);
    expect(d).toMatchObject({
      code: 'shape/regression-on-classes',
      target: { kind: 'node', nodeId: 'l3' },
      values: { dataset: doc.dataset.id, classes: 10 },
    });
    expect(d!.message).toContain(`'${doc.dataset.id}' has class labels (10 classes)`);
    expect(compilePlan(doc, analyze(doc)).ok).toBe(false);
    // An imported set is named by its file name; a regression set clears the error.
    const rows = chain([['input'], ['dense', { units: 1 }], ['regression-output']]);
    const imported: Doc = {
      ...rows,
      dataset: { kind: 'imported', id: 'h', name: 'flowers.csv', inputShape: [4], classes: 3 },
    };
    expect(errors(imported).map((e) => [e.code, e.message])).toEqual([
      [
        'shape/regression-on-classes',
        expect.stringContaining("dataset 'flowers.csv' has class labels (3 classes)"),
      ],
    ]);
    expect(errors({ ...rows, dataset: { kind: 'builtin', id: 'toy-sine' } })).toEqual([]);
  });

  it('treats a regression head as an output: one head only, and none is an error', () => {
    const two = addLayer(chain([['input'], ['flatten'], ['dense', { units: 10 }], ['output']]), {
      id: 'r',
      kind: 'regression-output',
      position: { x: 0, y: 0 },
    });
    expect(two.ok && analyze(two.value).diagnostics.map((d) => d.code)).toContain('graph/multiple-outputs');
    const none = chain([['input'], ['flatten'], ['dense', { units: 10 }]]);
    expect(errors(none).map((d) => d.code)).toContain('graph/no-output');
  });
});
