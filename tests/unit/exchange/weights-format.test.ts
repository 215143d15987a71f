import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { importModelJson } from '../../../src/compiler/import-model-json';
import { planHash } from '../../../src/compiler/plan-hash';
import {
  matchWeights,
  packWeightSet,
  planWeights,
  unpackWeightSet,
} from '../../../src/compiler/tfjs-weights';
import { setLayerParam } from '../../../src/graph/commands';
import { readWeightsSidecar, sidecarNames, writeWeightsSidecar } from '../../../src/project/weights-sidecar';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { planOf, templates } from './exchange-helpers';

const template = (id: string) => templates().find(([t]) => t === id)![1];

beforeAll(async () => {
  await setupBackend('cpu');
});

describe('planHash', () => {
  it('is stable, ignores layout, display names and training settings, and follows structure', () => {
    const doc = template('lenet-bn');
    const h = planHash(planOf(doc));
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(planHash(planOf(structuredClone(doc)))).toBe(h);
    const cosmetic = {
      ...doc,
      name: 'renamed',
      training: { ...doc.training, learningRate: 0.01, epochs: 3 },
      layers: doc.layers.map((l) => ({ ...l, name: `${l.name}!`, position: { x: l.position.x + 50, y: 0 } })),
    };
    expect(planHash(planOf(cosmetic))).toBe(h);
    const dense = doc.layers.find((l) => l.kind === 'dense')!;
    const r = setLayerParam(doc, dense.id, 'units', Number(dense.params.units ?? 120) + 1);
    if (!r.ok) throw new Error('edit refused');
    expect(planHash(planOf(r.value))).not.toBe(h);
    expect(planHash(planOf(template('lenet')))).not.toBe(h);
  });
});

describe('planWeights', () => {
  it.each(templates())('%s: names and shapes are those tfjs builds', (_id, doc) => {
    const plan = planOf(doc);
    const model = buildModel(plan, 1);
    try {
      expect(
        planWeights(plan)
          .map((w) => `${w.name}:${w.shape.join('x')}`)
          .sort(),
      ).toEqual(model.weights.map((w) => `${w.originalName}:${w.shape.join('x')}`).sort());
    } finally {
      model.dispose();
    }
  });
});

describe('weights sidecar', () => {
  const doc = template('lenet-bn');
  const plan = planOf(doc);
  const tensors = planWeights(plan).map((w, i) => ({
    name: w.name,
    shape: w.shape,
    values: Float32Array.from({ length: w.shape.reduce((a, b) => a * b, 1) }, (_, k) => i + k / 1000),
  }));

  it('writes the tfjs manifest format and reads back the same values', () => {
    const names = sidecarNames('p.layerloom');
    expect(names).toEqual({ json: 'p.layerloom.weights.json', bin: 'p.layerloom.weights.bin' });
    const { json, bin } = writeWeightsSidecar(planHash(plan), tensors, names.bin);
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ format: 'layerloom-weights', version: 1, planHash: planHash(plan) });
    expect(parsed.weightsManifest[0].paths).toEqual(['p.layerloom.weights.bin']);
    expect(parsed.weightsManifest[0].weights[0]).toEqual({
      name: tensors[0]!.name,
      shape: tensors[0]!.shape,
      dtype: 'float32',
    });
    expect(bin.byteLength).toBe(tensors.reduce((n, t) => n + t.values.length * 4, 0));
    const back = readWeightsSidecar(json, new Map([[names.bin, bin]]));
    if (!back.ok) throw new Error(back.error);
    expect(back.value.planHash).toBe(planHash(plan));
    expect(back.value.tensors.map((t) => [t.name, Array.from(t.values.slice(0, 3))])).toEqual(
      tensors.map((t) => [t.name, Array.from(t.values.slice(0, 3))]),
    );
    expect(matchWeights(plan, back.value.tensors).ok).toBe(true);
  });

  it('says what is wrong with a broken sidecar', () => {
    const { json, bin } = writeWeightsSidecar('abc', tensors, 'w.bin');
    expect(readWeightsSidecar('{', new Map())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not valid JSON/),
    });
    expect(readWeightsSidecar(JSON.stringify({ format: 'x' }), new Map())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^format: /),
    });
    expect(readWeightsSidecar(json, new Map())).toEqual({
      ok: false,
      error: "the weights file 'w.bin' was not provided",
    });
    expect(readWeightsSidecar(json, new Map([['w.bin', bin.slice(0, 8)]]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^weight 'conv1\/kernel' runs past the end/),
    });
  });

  it('packs and unpacks a WeightSet', () => {
    const set = packWeightSet(tensors);
    const back = unpackWeightSet(set);
    if (!back.ok) throw new Error(back.error);
    expect(back.value[1]!.values).toEqual(tensors[1]!.values);
    expect(unpackWeightSet({ specs: set.specs, data: new ArrayBuffer(4) }).ok).toBe(false);
  });
});

describe('importModelJson: axes written as positive numbers', () => {
  it('accepts a Softmax with axis 1 after a Dense layer (tfjs toJSON)', () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [6], units: 3, name: 'd' }),
        tfl.layers.softmax({ axis: 1, name: 'sm' }),
      ],
    });
    const r = importModelJson(m.toJSON(null, false));
    m.dispose();
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const sm = r.value.doc.layers.find((l) => l.id === 'sm')!;
    expect(sm).toMatchObject({ kind: 'activation', params: { activation: 'softmax' } });
    expect(analyze(r.value.doc).shapes.get('sm')).toEqual([null, 3]);
  });

  it('refuses a Softmax over a non-last axis, naming the layer', () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.reshape({ inputShape: [6], targetShape: [2, 3], name: 'r' }),
        tfl.layers.softmax({ axis: 1, name: 'sm' }),
        tfl.layers.flatten({ name: 'f' }),
      ],
    });
    const r = importModelJson(m.toJSON(null, false));
    m.dispose();
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error[0]).toMatchObject({
        code: 'import/unsupported-config',
        layer: 'sm',
        message: expect.stringMatching(/axis 1 is not the last axis of its rank-3 input/),
      });
  });

  it('accepts batch normalization with axis 3 on images and axis 1 after a Dense layer', () => {
    const m = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, name: 'c' }),
        tfl.layers.batchNormalization({ axis: 3, name: 'bn1' }),
        tfl.layers.flatten({ name: 'f' }),
        tfl.layers.dense({ units: 4, name: 'd' }),
        tfl.layers.batchNormalization({ axis: 1, name: 'bn2' }),
      ],
    });
    const r = importModelJson(m.toJSON(null, false));
    m.dispose();
    expect(r.ok).toBe(true);
  });
});
