import { describe, expect, it } from 'vitest';
import { defaultParams, LAYER_SPECS, specOf } from '../../../src/layers/registry';
import type { InferContext, Params } from '../../../src/layers/spec';
import type { Shape } from '../../../src/tensor/shape';

const noData: InferContext = { dataset: null };
const fashion: InferContext = { dataset: { inputShape: [28, 28, 1], classes: 10 } };
/** A regression set (no classes): the toy sine set. */
const sine: InferContext = { dataset: { inputShape: [1], classes: 0 } };

interface Row {
  kind: string;
  params?: Params;
  inputs: Shape[];
  ctx?: InferContext;
  out?: Shape;
  trainable?: number;
  nonTrainable?: number;
  code?: string;
}

const rows: Row[] = [
  { kind: 'input', inputs: [], ctx: fashion, out: [null, 28, 28, 1], trainable: 0 },
  {
    kind: 'input',
    params: { source: 'fixed', height: 32, width: 32, channels: 3 },
    inputs: [],
    out: [null, 32, 32, 3],
  },
  { kind: 'input', params: { source: 'fixed', layout: 'vector', size: 4 }, inputs: [], out: [null, 4] },
  {
    kind: 'input',
    params: { source: 'fixed', height: 32, width: 32, channels: 3 },
    inputs: [],
    ctx: fashion,
    code: 'shape/dataset-mismatch',
  },
  {
    kind: 'conv2d',
    params: { filters: 6, kernelSize: 5 },
    inputs: [[null, 28, 28, 1]],
    out: [null, 24, 24, 6],
    trainable: 156,
  },
  {
    kind: 'conv2d',
    params: { filters: 16, kernelSize: 5 },
    inputs: [[null, 12, 12, 6]],
    out: [null, 8, 8, 16],
    trainable: 2416,
  },
  {
    kind: 'conv2d',
    params: { filters: 8, kernelSize: 3, padding: 'same', strides: 2 },
    inputs: [[null, 7, 7, 3]],
    out: [null, 4, 4, 8],
    trainable: 224,
  },
  {
    kind: 'conv2d',
    params: { filters: 4, kernelSize: 3, dilation: 2 },
    inputs: [[null, 9, 9, 1]],
    out: [null, 5, 5, 4],
    trainable: 40,
  },
  {
    kind: 'conv2d',
    params: { filters: 4, kernelSize: 3, useBias: false },
    inputs: [[null, 5, 5, 2]],
    out: [null, 3, 3, 4],
    trainable: 72,
  },
  { kind: 'conv2d', params: { kernelSize: 5 }, inputs: [[null, 3, 3, 1]], code: 'shape/too-small' },
  { kind: 'conv2d', inputs: [[null, 784]], code: 'shape/rank-mismatch' },
  {
    kind: 'batch-norm',
    inputs: [[null, 24, 24, 6]],
    out: [null, 24, 24, 6],
    trainable: 12,
    nonTrainable: 12,
  },
  { kind: 'batch-norm', inputs: [[null, 120]], out: [null, 120], trainable: 240, nonTrainable: 240 },
  { kind: 'batch-norm', params: { center: false }, inputs: [[null, 84]], trainable: 84, nonTrainable: 168 },
  { kind: 'batch-norm', inputs: [[null, 3, 4]], code: 'shape/rank-mismatch' },
  { kind: 'dense', params: { units: 120 }, inputs: [[null, 256]], out: [null, 120], trainable: 30840 },
  {
    kind: 'dense',
    params: { units: 10, useBias: false },
    inputs: [[null, 84]],
    out: [null, 10],
    trainable: 840,
  },
  { kind: 'dense', inputs: [[null, 28, 28, 1]], code: 'shape/rank-mismatch' },
  {
    kind: 'activation',
    params: { activation: 'sigmoid' },
    inputs: [[null, 5, 5, 2]],
    out: [null, 5, 5, 2],
    trainable: 0,
  },
  { kind: 'max-pool2d', inputs: [[null, 24, 24, 6]], out: [null, 12, 12, 6], trainable: 0 },
  {
    kind: 'max-pool2d',
    params: { poolSize: 3, strides: 2, padding: 'same' },
    inputs: [[null, 7, 7, 2]],
    out: [null, 4, 4, 2],
  },
  { kind: 'avg-pool2d', inputs: [[null, 8, 8, 16]], out: [null, 4, 4, 16], trainable: 0 },
  { kind: 'avg-pool2d', params: { poolSize: 4 }, inputs: [[null, 3, 3, 1]], code: 'shape/too-small' },
  { kind: 'avg-pool2d', inputs: [[null, 10]], code: 'shape/rank-mismatch' },
  { kind: 'flatten', inputs: [[null, 4, 4, 16]], out: [null, 256], trainable: 0 },
  { kind: 'dropout', params: { rate: 0.3 }, inputs: [[null, 10]], out: [null, 10], trainable: 0 },
  { kind: 'output', inputs: [[null, 10]], ctx: fashion, out: [null, 10], trainable: 0 },
  { kind: 'output', inputs: [[null, 7]], ctx: fashion, code: 'shape/class-count-mismatch' },
  { kind: 'output', inputs: [[null, 1]], ctx: sine, code: 'shape/output-on-regression' },
  { kind: 'regression-output', inputs: [[null, 1]], ctx: sine, out: [null, 1], trainable: 0 },
  { kind: 'regression-output', inputs: [[null, 3]], ctx: sine, code: 'shape/target-count-mismatch' },
  { kind: 'regression-output', inputs: [[null, 1]], ctx: fashion, code: 'shape/regression-on-classes' },
  { kind: 'output', inputs: [[null, 4, 4, 16]], code: 'shape/output-not-classes' },
  {
    kind: 'conv2d',
    params: { strides: 2, dilation: 2 },
    inputs: [[null, 28, 28, 1]],
    code: 'param/stride-and-dilation',
  },
  {
    kind: 'conv2d',
    params: { filters: 8, initializer: 'heNormal' },
    inputs: [[null, 5, 5, 2]],
    out: [null, 3, 3, 8],
    trainable: 152,
  },
  { kind: 'depthwise-conv2d', inputs: [[null, 28, 28, 3]], out: [null, 28, 28, 3], trainable: 30 },
  {
    kind: 'depthwise-conv2d',
    params: { kernelSize: 5, padding: 'valid', depthMultiplier: 2, useBias: false },
    inputs: [[null, 12, 12, 4]],
    out: [null, 8, 8, 8],
    trainable: 200,
  },
  {
    kind: 'depthwise-conv2d',
    params: { strides: 2 },
    inputs: [[null, 7, 7, 6]],
    out: [null, 4, 4, 6],
    trainable: 60,
  },
  {
    kind: 'depthwise-conv2d',
    params: { kernelSize: 5, padding: 'valid' },
    inputs: [[null, 3, 3, 1]],
    code: 'shape/too-small',
  },
  { kind: 'depthwise-conv2d', inputs: [[null, 10]], code: 'shape/rank-mismatch' },
  { kind: 'layer-norm', inputs: [[null, 120]], out: [null, 120], trainable: 240, nonTrainable: 0 },
  {
    kind: 'layer-norm',
    params: { scale: false },
    inputs: [[null, 8, 8, 16]],
    out: [null, 8, 8, 16],
    trainable: 16,
  },
  {
    kind: 'activation',
    params: { activation: 'leaky-relu', alpha: 0.2 },
    inputs: [[null, 10]],
    out: [null, 10],
    trainable: 0,
  },
  { kind: 'activation', params: { activation: 'gelu' }, inputs: [[null, 4, 4, 2]], out: [null, 4, 4, 2] },
  { kind: 'global-avg-pool2d', inputs: [[null, 7, 7, 32]], out: [null, 32], trainable: 0 },
  { kind: 'global-max-pool2d', inputs: [[null, 7, 7, 32]], out: [null, 32], trainable: 0 },
  { kind: 'global-max-pool2d', inputs: [[null, 32]], code: 'shape/rank-mismatch' },
  { kind: 'flatten', inputs: [[null, 10]], code: 'shape/rank-mismatch' },
  {
    kind: 'reshape',
    params: { targetShape: '7,7,16' },
    inputs: [[null, 784]],
    out: [null, 7, 7, 16],
    trainable: 0,
  },
  { kind: 'reshape', params: { targetShape: '-1, 4' }, inputs: [[null, 4, 4, 2]], out: [null, 8, 4] },
  { kind: 'reshape', params: { targetShape: '7,7,15' }, inputs: [[null, 784]], code: 'shape/reshape-size' },
  { kind: 'reshape', params: { targetShape: '5,-1' }, inputs: [[null, 784]], code: 'shape/reshape-size' },
  { kind: 'reshape', params: { targetShape: '-1,-1' }, inputs: [[null, 784]], code: 'param/invalid' },
  {
    kind: 'add',
    inputs: [
      [null, 4, 4, 8],
      [null, 4, 4, 8],
      [null, 4, 4, 8],
    ],
    out: [null, 4, 4, 8],
    trainable: 0,
  },
  {
    kind: 'add',
    inputs: [
      [null, 10],
      [null, 12],
    ],
    code: 'shape/add-mismatch',
  },
  {
    kind: 'concatenate',
    inputs: [
      [null, 4, 4, 3],
      [null, 4, 4, 5],
    ],
    out: [null, 4, 4, 8],
    trainable: 0,
  },
  {
    kind: 'concatenate',
    params: { axis: 1 },
    inputs: [
      [null, 2, 4, 3],
      [null, 5, 4, 3],
    ],
    out: [null, 7, 4, 3],
  },
  {
    kind: 'concatenate',
    inputs: [
      [null, 4, 4, 3],
      [null, 4, 5, 3],
    ],
    code: 'shape/concat-mismatch',
  },
  {
    kind: 'concatenate',
    params: { axis: 2 },
    inputs: [
      [null, 10],
      [null, 10],
    ],
    code: 'shape/concat-axis',
  },
  {
    kind: 'concatenate',
    params: { axis: -3 },
    inputs: [
      [null, 10],
      [null, 10],
    ],
    code: 'shape/concat-axis',
  },
  { kind: 'regression-output', inputs: [[null, 3]], out: [null, 3], trainable: 0 },
  {
    kind: 'regression-output',
    params: { loss: 'mae' },
    inputs: [[null, 4, 4, 1]],
    code: 'shape/output-not-vector',
  },
];

describe('layer specs', () => {
  it.each(rows)('$kind $params on $inputs', (row) => {
    const spec = specOf(row.kind)!;
    const p = { ...defaultParams(spec), ...row.params };
    const r = spec.infer(row.inputs, p, row.ctx ?? noData);
    if (row.code) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((x) => x.code)).toContain(row.code);
      return;
    }
    expect(r.ok).toBe(true);
    if (row.out) expect(r.ok && r.shape).toEqual(row.out);
    const count = spec.countParams(row.inputs, p);
    if (row.trainable !== undefined) expect(count.trainable).toBe(row.trainable);
    expect(count.nonTrainable).toBe(row.nonTrainable ?? 0);
  });

  it('keeps the batch dimension unknown in every output', () => {
    for (const row of rows.filter((r) => r.out)) {
      const spec = specOf(row.kind)!;
      const r = spec.infer(row.inputs, { ...defaultParams(spec), ...row.params }, row.ctx ?? noData);
      expect(r.ok && r.shape[0]).toBeNull();
    }
  });

  it('covers every kind in the registry', () => {
    const tested = new Set(rows.map((r) => r.kind));
    for (const s of LAYER_SPECS) expect(tested.has(s.kind)).toBe(true);
  });

  it('gives every parameter a default inside its bounds', () => {
    for (const s of LAYER_SPECS) {
      for (const [name, ps] of Object.entries(s.params)) {
        if (ps.type === 'int' || ps.type === 'float') {
          expect(ps.default, `${s.kind}.${name}`).toBeGreaterThanOrEqual(ps.min);
          expect(ps.default, `${s.kind}.${name}`).toBeLessThanOrEqual(ps.max);
        }
        if (ps.type === 'enum') expect(ps.options).toContain(ps.default);
      }
    }
  });
});
