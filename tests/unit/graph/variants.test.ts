import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { experimentVariants, hasBatchNorm, withoutBatchNorm } from '../../../src/graph/variants';
import { graph, template } from '../core/doc-helpers';

describe('withoutBatchNorm', () => {
  it('removes every batch-norm layer of LeNet-BN and wires its input to its output', () => {
    const doc = template('lenet-bn');
    expect(doc.layers.filter((l) => l.kind === 'batch-norm')).toHaveLength(4);
    const r = withoutBatchNorm(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const out = r.value;
    expect(hasBatchNorm(out)).toBe(false);
    expect(out.layers).toHaveLength(doc.layers.length - 4);
    expect(out.edges).toHaveLength(doc.edges.length - 4);
    // Every other layer keeps its wiring; what fed a BN now feeds what the BN fed.
    const a = analyze(out);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.training).toBe(doc.training);
    // The original is untouched.
    expect(hasBatchNorm(doc)).toBe(true);
  });

  it('keeps the port numbers of the wires it reroutes', () => {
    const doc = graph(
      [
        ['in', 'input'],
        ['d1', 'dense'],
        ['bn', 'batch-norm'],
        ['d2', 'dense'],
        ['cat', 'concatenate'],
      ],
      [
        ['in', 'd1'],
        ['d1', 'bn'],
        ['in', 'd2'],
        ['d2', 'cat', 0],
        ['bn', 'cat', 1],
      ],
    );
    const r = withoutBatchNorm(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.edges.find((e) => e.target === 'cat' && e.targetPort === 1)?.source).toBe('d1');
  });

  it('refuses, naming the layer, when a bypass breaks a connect rule', () => {
    // d1 feeds both the BN and, directly, the same Add: the bypass would duplicate that wire.
    const doc = graph(
      [
        ['in', 'input'],
        ['d1', 'dense'],
        ['bn', 'batch-norm'],
        ['add', 'add'],
      ],
      [
        ['in', 'd1'],
        ['d1', 'bn'],
        ['d1', 'add', 0],
        ['bn', 'add', 1],
      ],
    );
    const r = withoutBatchNorm(doc);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual({ layer: 'bn', rejection: expect.objectContaining({ reason: 'duplicate' }) });
  });

  it('drops an unconnected batch-norm layer with its outgoing wires', () => {
    const doc = graph(
      [
        ['bn', 'batch-norm'],
        ['d', 'dense'],
      ],
      [['bn', 'd']],
    );
    const r = withoutBatchNorm(doc);
    expect(r.ok && r.value.layers.map((l) => l.id)).toEqual(['d']);
    expect(r.ok && r.value.edges).toEqual([]);
  });
});

describe('experimentVariants', () => {
  const doc = template('lenet-bn');

  it('with and without batch norm: two documents, same seed and settings', () => {
    const r = experimentVariants(doc, { kind: 'batch-norm' });
    if (!r.ok) throw new Error('refused');
    expect(r.value.map((v) => v.variant)).toEqual(['with-bn', 'without-bn']);
    expect(r.value[0]!.doc).toBe(doc);
    expect(hasBatchNorm(r.value[1]!.doc)).toBe(false);
    expect(r.value[1]!.doc.training).toEqual(doc.training);
  });

  it('is refused for a network without batch norm', () => {
    const plain = withoutBatchNorm(doc);
    expect(plain.ok && experimentVariants(plain.value, { kind: 'batch-norm' })).toEqual({
      ok: false,
      error: { code: 'no-batch-norm' },
    });
  });

  it('a learning-rate ladder varies only the rate', () => {
    const r = experimentVariants(doc, { kind: 'lr-ladder', rates: [0.01, 0.1, 1] });
    if (!r.ok) throw new Error('refused');
    expect(r.value.map((v) => v.doc.training.learningRate)).toEqual([0.01, 0.1, 1]);
    expect(new Set(r.value.map((v) => v.doc.training.seed))).toEqual(new Set([doc.training.seed]));
    expect(r.value.every((v) => v.doc.layers === doc.layers)).toBe(true);
  });

  it('different seeds vary only the seed; an empty list is refused', () => {
    const r = experimentVariants(doc, { kind: 'seeds', seeds: [1, 2, 3] });
    expect(r.ok && r.value.map((v) => v.doc.training.seed)).toEqual([1, 2, 3]);
    expect(experimentVariants(doc, { kind: 'seeds', seeds: [] }).ok).toBe(false);
  });
});
