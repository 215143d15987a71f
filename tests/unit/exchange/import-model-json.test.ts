import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { importModelJson } from '../../../src/compiler/import-model-json';
import type { Doc } from '../../../src/graph/document';
import { setupBackend } from '../../../src/runtime/backend';
import { exportModelJson } from '../../../src/runtime/export-model';
import { planOf, templates } from './exchange-helpers';

/** model.json's topology exactly as tfjs writes it (snake_case, Python-style). */
const topologyOf = (m: tfl.LayersModel): unknown => m.toJSON(null, false);

function imported(json: unknown): Doc {
  const r = importModelJson(json);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.doc;
}

/** Our summary of a document: per layer kind, shape and parameters, by id. */
function summary(doc: Doc, ids: readonly string[]) {
  const a = analyze(doc);
  const kinds = new Map(doc.layers.map((l) => [l.id, l.kind]));
  return ids.map((id) => ({ id, kind: kinds.get(id), shape: a.shapes.get(id), params: a.params.get(id) }));
}

describe('importModelJson', () => {
  beforeAll(async () => {
    await setupBackend('cpu');
  });

  it('imports a tfjs Sequential model (no InputLayer) with fused activations, counts and shapes intact', () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
          name: 'c1',
        }),
        tfl.layers.batchNormalization({ name: 'bn' }),
        tfl.layers.maxPooling2d({ poolSize: 2, name: 'mp' }),
        tfl.layers.flatten({ name: 'fl' }),
        tfl.layers.dropout({ rate: 0.25, name: 'do' }),
        tfl.layers.dense({ units: 10, activation: 'softmax', name: 'd' }),
      ],
    });
    const r = importModelJson(topologyOf(m));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const doc = r.value.doc;
    expect(doc.layers.map((l) => l.kind)).toEqual([
      'input',
      'conv2d',
      'batch-norm',
      'max-pool2d',
      'flatten',
      'dropout',
      'dense',
      'output',
    ]);
    expect(doc.layers[1]!.params).toMatchObject({
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      padding: 'valid',
    });
    expect(doc.layers[2]!.params).toMatchObject({ momentum: 0.99, epsilon: 0.001 });
    expect(doc.dataset).toEqual({ kind: 'builtin', id: 'fashion-mnist' });
    const a = analyze(doc);
    expect(a.diagnostics).toEqual([]);
    expect(a.totals.total).toBe(m.countParams());
    for (const l of m.layers) expect(a.shapes.get(l.name), l.name).toEqual(l.outputShape);
    expect(r.value.warnings.map((w) => w.layer)).toEqual(['d']);
    const ys = doc.layers.map((l) => l.position.y);
    expect(ys).toEqual([...ys].sort((x, y) => x - y));
    m.dispose();
  });

  it('imports a functional model with an InputLayer, merges and standalone activation layers', () => {
    const x = tfl.input({ shape: [8, 8, 3], name: 'img' });
    const a = tfl.layers
      .conv2d({ filters: 6, kernelSize: 3, padding: 'same', name: 'a' })
      .apply(x) as tfl.SymbolicTensor;
    const b = tfl.layers
      .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 'b' })
      .apply(x) as tfl.SymbolicTensor;
    const cat = tfl.layers.concatenate({ name: 'cat' }).apply([a, b]) as tfl.SymbolicTensor;
    const r1 = tfl.layers.reLU({ name: 'r1' }).apply(cat) as tfl.SymbolicTensor;
    const r2 = tfl.layers.leakyReLU({ alpha: 0.2, name: 'r2' }).apply(cat) as tfl.SymbolicTensor;
    const sum = tfl.layers.add({ name: 'sum' }).apply([r1, r2]) as tfl.SymbolicTensor;
    const ln = tfl.layers.layerNormalization({ name: 'ln' }).apply(sum) as tfl.SymbolicTensor;
    const e = tfl.layers.elu({ name: 'e' }).apply(ln) as tfl.SymbolicTensor;
    const gp = tfl.layers.globalAveragePooling2d({ name: 'gp' }).apply(e) as tfl.SymbolicTensor;
    const rs = tfl.layers.reshape({ targetShape: [3, 4], name: 'rs' }).apply(gp) as tfl.SymbolicTensor;
    const sm = tfl.layers.softmax({ axis: -1, name: 'sm' }).apply(rs) as tfl.SymbolicTensor;
    const fl = tfl.layers.flatten({ name: 'fl' }).apply(sm) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 3, name: 'logits' }).apply(fl) as tfl.SymbolicTensor;
    const m = tfl.model({ inputs: x, outputs: out });
    const doc = imported(topologyOf(m));
    const kinds = Object.fromEntries(doc.layers.map((l) => [l.id, l.kind]));
    expect(kinds).toMatchObject({
      img: 'input',
      a: 'conv2d',
      b: 'depthwise-conv2d',
      cat: 'concatenate',
      r1: 'activation',
      r2: 'activation',
      sum: 'add',
      ln: 'layer-norm',
      e: 'activation',
      gp: 'global-avg-pool2d',
      rs: 'reshape',
      sm: 'activation',
      fl: 'flatten',
      logits: 'dense',
      output: 'output',
    });
    expect(doc.layers.find((l) => l.id === 'r2')!.params).toEqual({ activation: 'leaky-relu', alpha: 0.2 });
    expect(doc.edges.filter((w) => w.target === 'cat').map((w) => [w.source, w.targetPort])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(doc.dataset).toMatchObject({ kind: 'imported', inputShape: [8, 8, 3], classes: 3 });
    const an = analyze(doc);
    expect(an.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(an.totals.total).toBe(m.countParams());
    for (const l of m.layers) expect(an.shapes.get(l.name), l.name).toEqual(l.outputShape);
    m.dispose();
  });

  it('names the layer and class of anything it cannot map', () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [4], units: 8, name: 'd1' }),
        tfl.layers.repeatVector({ n: 2, name: 'rep' }),
        tfl.layers.dense({ units: 2, activation: 'selu', name: 'd2' }),
      ],
    });
    const r = importModelJson(topologyOf(m));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => [p.code, p.layer, p.className])).toEqual([
      ['import/unknown-class', 'rep', 'RepeatVector'],
      ['import/unsupported-config', 'd2', 'Dense'],
    ]);
    expect(r.error[0]!.message).toMatch(/'rep'.*RepeatVector/);
    expect(importModelJson({ hello: 1 })).toMatchObject({
      ok: false,
      error: [{ code: 'import/not-a-model' }],
    });
    m.dispose();
  });

  it.each(templates())(
    '%s: export to model.json and import back gives the same summary',
    async (_id, doc) => {
      const plan = planOf(doc);
      const { modelJson } = await exportModelJson(plan, { seed: 1 });
      const back = imported(JSON.parse(JSON.stringify(modelJson)));
      const ids = plan.nodes.map((n) => n.id);
      expect(summary(back, ids)).toEqual(summary(doc, ids));
      expect(analyze(back).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    },
  );
});
