import { describe, expect, it } from 'vitest';
import { HealthMonitor, type LayerInfo } from '../../../src/training/health';
import type { LayerStats, LayerStatsSnapshot } from '../../../src/training/layer-stats';
import { summarize } from '../../../src/training/stats';

const info = (nodeId: string, over: Partial<LayerInfo> = {}): LayerInfo => ({
  nodeId,
  name: `Layer ${nodeId}`,
  activation: null,
  paramCount: 0,
  batchNorm: null,
  ...over,
});

const layer = (nodeId: string, over: Partial<LayerStats> = {}, values = [0.5, -0.5, 1]): LayerStats => ({
  nodeId,
  activation: summarize(Float32Array.from(values)),
  saturated: null,
  outputGradNorm: 1,
  weightGradNorm: null,
  weightNorm: null,
  updateRatio: null,
  batchNorm: null,
  ...over,
});

const snap = (step: number, layers: LayerStats[]): LayerStatsSnapshot => ({
  step,
  epoch: 1,
  epochEnd: false,
  sampledExamples: 1,
  layers,
});

describe('health findings', () => {
  it('reports dead ReLUs after three snapshots in a row, once, with the layer name and share', () => {
    const h = new HealthMonitor([info('r', { activation: 'relu' })]);
    const dead = layer('r', {}, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.3]);
    expect(h.observe(snap(1, [dead]))).toEqual([]);
    expect(h.observe(snap(2, [dead]))).toEqual([]);
    const [f] = h.observe(snap(3, [dead]));
    expect(f).toMatchObject({
      nodeId: 'r',
      code: 'health/dead-relu',
      values: { layer: 'Layer r', pct: '90%' },
    });
    expect(f!.message).toContain("90% of the outputs of 'Layer r' are exactly zero");
    expect(f!.message).toMatch(/Try /);
    expect(h.observe(snap(4, [dead]))).toEqual([]);
  });

  it('restarts the count when the condition lapses', () => {
    const h = new HealthMonitor([info('s', { activation: 'sigmoid' })]);
    const sat = layer('s', { saturated: 0.8 });
    const fine = layer('s', { saturated: 0.1 });
    [sat, sat, fine, sat, sat].forEach((l, i) => expect(h.observe(snap(i + 1, [l]))).toEqual([]));
    expect(h.observe(snap(6, [sat])).map((f) => f.code)).toEqual(['health/saturated']);
  });

  it('flags non-finite values at once', () => {
    const h = new HealthMonitor([info('a')]);
    const [f] = h.observe(snap(1, [layer('a', {}, [1, NaN])]));
    expect(f).toMatchObject({ code: 'health/non-finite', nodeId: 'a' });
    expect(f!.message).toContain("'Layer a' produced NaN or infinite values");
    expect(h.nonFinite('a')).toBeNull(); // already reported
  });

  it('flags a kernel layer whose relative gradient is 100× below the fastest one, and huge updates', () => {
    const infos = [info('c', { paramCount: 10 }), info('d', { paramCount: 10 })];
    const h = new HealthMonitor(infos);
    const slow = layer('c', { weightGradNorm: 1e-5, weightNorm: 1, updateRatio: 1e-6 });
    const fast = layer('d', { weightGradNorm: 1, weightNorm: 0.5, updateRatio: 2 });
    h.observe(snap(1, [slow, fast]));
    h.observe(snap(2, [slow, fast]));
    const found = h.observe(snap(3, [slow, fast]));
    expect(found.map((f) => [f.nodeId, f.code])).toEqual([
      ['c', 'health/vanishing-gradient'],
      ['d', 'health/exploding-gradient'],
    ]);
    expect(found[0]!.values.ratio).toBe(200000);
    expect(found[1]!.values.pct).toBe('200%');
  });

  it('judges batch-norm drift only once the running averages had time to settle', () => {
    const h = new HealthMonitor([info('b', { paramCount: 4, batchNorm: { momentum: 0.9, epsilon: 1e-5 } })]);
    const f32 = (...v: number[]) => Float32Array.from(v);
    const bn = layer('b', {
      batchNorm: {
        batchMean: f32(0, 0),
        batchVar: f32(1, 1),
        runningMean: f32(2, -2),
        runningVar: f32(1, 1),
        gamma: null,
        beta: null,
      },
    });
    // 3 time constants of 1/(1 − 0.9) = 30 steps.
    [10, 20, 29].forEach((s) => expect(h.observe(snap(s, [bn]))).toEqual([]));
    expect(h.observe(snap(30, [bn]))).toEqual([]);
    expect(h.observe(snap(31, [bn]))).toEqual([]);
    const [f] = h.observe(snap(32, [bn]));
    expect(f).toMatchObject({ code: 'health/bn-drift', values: { sigma: '2.0' } });
  });
});
