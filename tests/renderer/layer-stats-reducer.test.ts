import { describe, expect, it } from 'vitest';
import {
  distributionData,
  distributionRows,
  gradientData,
  gradientRows,
  weightRows,
  batchNormRows,
} from '../../renderer/charts/layer-chart-data';
import {
  appendFinding,
  appendLayerStats,
  BN_HISTORY,
  FINDINGS_CAPACITY,
  initialLayerStats,
} from '../../renderer/state/layer-stats-reducer';
import { nodeInsights, SPARK_POINTS } from '../../renderer/state/layer-stats-view';
import { ringLast, ringValues } from '../../src/training/ring-buffer';
import {
  beginRun,
  initialTrainingState,
  reduceTrainer,
  stopRun,
  type TrainingState,
} from '../../renderer/state/training-reducer';
import type { FromTrainer, LayerStatsSnapshot } from '../../src/training/protocol';
import { layerStats, snapshot } from './layer-stats-fixtures';

const started: FromTrainer = {
  type: 'started',
  runId: 'r1',
  backend: 'wasm',
  reason: '',
  batchesPerEpoch: 10,
  epochs: 1,
};
const run = (): TrainingState =>
  reduceTrainer(beginRun(initialTrainingState(), 'r1', { epochs: 1, batchSize: 8 }), started);
const body = (step: number): LayerStatsSnapshot => {
  const {
    type: _t,
    runId: _r,
    ...rest
  } = snapshot('r1', step) as Extract<FromTrainer, { type: 'layer-stats' }>;
  return rest;
};
const finding = (runId: string, nodeId: string, step: number): FromTrainer => ({
  type: 'finding',
  runId,
  nodeId,
  code: 'health/saturated',
  message: `'${nodeId}' is saturated`,
  step,
});

describe('layer statistics reducer', () => {
  it('keeps one series per layer in plan order, with absent figures as NaN', () => {
    let s = initialLayerStats(10);
    for (let step = 1; step <= 3; step++) s = appendLayerStats(s, body(step * 5));
    expect(s.order).toEqual(['conv1', 'bn1', 'relu1']);
    expect(s.snapshots).toBe(3);
    expect(s.step).toBe(15);
    const conv = s.series['conv1']!;
    expect(Array.from(ringValues(conv.step))).toEqual([5, 10, 15]);
    expect(Array.from(ringValues(conv.std))).toEqual([1.05, 1.1, 1.15]);
    expect(ringLast(conv.percentiles[8]!)).toBe(15);
    expect(ringLast(conv.weightNorm)).toBe(20);
    expect(conv.hasWeights).toBe(true);
    const relu = s.series['relu1']!;
    expect(relu.hasWeights).toBe(false);
    expect(ringLast(relu.weightNorm)).toBeNaN();
    expect(ringLast(relu.saturated)).toBeNaN();
    expect(ringLast(relu.outputGradNorm)).toBeCloseTo(0.15);
  });

  it('stays bounded however many snapshots come (a long run)', () => {
    let s = initialLayerStats(50);
    for (let step = 1; step <= 500; step++) s = appendLayerStats(s, body(step));
    for (const series of Object.values(s.series)) {
      expect(series.step.length).toBe(50);
      expect(series.percentiles.every((r) => r.length === 50)).toBe(true);
    }
    expect(ringValues(s.series['conv1']!.step)[0]).toBe(451);
    expect(s.batchNorm['bn1']).toHaveLength(BN_HISTORY);
    expect(s.batchNorm['bn1']!.at(-1)!.step).toBe(500);
    expect(s.batchNorm['conv1']).toBeUndefined();
    for (let i = 0; i < FINDINGS_CAPACITY + 30; i++)
      s = appendFinding(s, { nodeId: 'relu1', code: 'health/dead-relu', message: 'dead', step: i });
    expect(s.findings).toHaveLength(FINDINGS_CAPACITY);
    expect(s.latestFinding['relu1']!.step).toBe(FINDINGS_CAPACITY + 29);
  });

  it('keeps the latest batch-norm snapshot per channel', () => {
    const s = appendLayerStats(appendLayerStats(initialLayerStats(), body(1)), body(2));
    const latest = s.batchNorm['bn1']!.at(-1)!;
    expect(Array.from(latest.batchMean)).toEqual([2, 3, 4]);
    expect(Array.from(latest.runningMean)).toEqual([1, 1.5, 2]);
    expect(batchNormRows(latest, 'mean')).toEqual([
      { key: 0, values: [2, 1] },
      { key: 1, values: [3, 1.5] },
      { key: 2, values: [4, 2] },
    ]);
    expect(batchNormRows(latest, 'var').map((r) => r.values)).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });
});

describe('training reducer with layer statistics', () => {
  it('appends snapshots and findings of the current run only', () => {
    let s = reduceTrainer(run(), snapshot('r1', 4));
    s = reduceTrainer(s, finding('r1', 'relu1', 4));
    expect(s.layers.snapshots).toBe(1);
    expect(s.layers.findings).toEqual([
      { nodeId: 'relu1', code: 'health/saturated', message: "'relu1' is saturated", step: 4 },
    ]);
    expect(reduceTrainer(s, snapshot('old', 5))).toBe(s);
    expect(reduceTrainer(s, finding('old', 'conv1', 5))).toBe(s);
    const stopped = stopRun(s);
    expect(reduceTrainer(stopped, snapshot('r1', 6))).toBe(stopped);
    expect(stopped.layers.snapshots).toBe(1); // kept after the run ends, for the charts
    const next = beginRun(stopped, 'r2', { epochs: 1, batchSize: 8 });
    expect(next.layers.snapshots).toBe(0);
    expect(next.layers.findings).toEqual([]);
  });

  it('bumps both versions on a snapshot', () => {
    const s = run();
    const t = reduceTrainer(s, snapshot('r1', 1));
    expect(t.version).toBeGreaterThan(s.version);
    expect(t.layers.version).toBeGreaterThan(s.layers.version);
  });
});

describe('per-layer chart data', () => {
  const state = () => {
    let s = initialLayerStats();
    for (let step = 1; step <= 4; step++) s = appendLayerStats(s, body(step));
    return s;
  };

  it('orders percentiles as bands (outer pair first, median last)', () => {
    const d = distributionData(state().series['conv1']!);
    expect(d).toHaveLength(10);
    expect(Array.from(d[0]!)).toEqual([1, 2, 3, 4]);
    expect(d[1]![3]).toBe(4); // max
    expect(d[2]![3]).toBe(-4); // min
    expect(d[9]![3]).toBe(0); // median
    const rows = distributionRows(state().series['conv1']!, 2);
    expect(rows.map((r) => r.key)).toEqual([3, 4]);
    expect(rows[1]!.values).toHaveLength(13);
    expect(rows[1]!.values.slice(0, 9)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
  });

  it('puts every layer on the gradient chart and leaves gaps a log scale cannot show', () => {
    let s = state();
    s = appendLayerStats(s, {
      ...body(5),
      layers: [{ ...layerStats('conv1', 5), outputGradNorm: 0 }, ...body(5).layers.slice(1)],
    });
    const d = gradientData(s);
    expect(d).toHaveLength(4);
    expect(d[1]![4]).toBeNull();
    expect(d[2]![4]).toBeCloseTo(0.05);
    const rows = gradientRows(s, 100);
    expect(rows).toHaveLength(5);
    expect(rows[0]!.values).toHaveLength(3);
    expect(weightRows(s.series['conv1']!, 1)).toEqual([{ key: 5, values: [10, 0.5, 1e-3] }]);
  });
});

describe('node insights', () => {
  it('gives each layer its newest std and gradient values and its health', () => {
    let s = initialLayerStats();
    for (let step = 1; step <= SPARK_POINTS + 10; step++) s = appendLayerStats(s, body(step));
    s = appendFinding(s, { nodeId: 'relu1', code: 'health/dead-relu', message: 'relu1 is dead', step: 3 });
    const bad = layerStats('bn1', 99, { bn: 3 });
    s = appendLayerStats(s, {
      ...body(99),
      layers: [
        layerStats('conv1', 99),
        { ...bad, activation: { ...bad.activation, nonFinite: 4 } },
        layerStats('relu1', 99, { weights: false }),
      ],
    });
    const m = nodeInsights(s);
    expect(m.get('conv1')).toMatchObject({ health: 'ok', message: null, latestStd: 1.99 });
    expect(m.get('conv1')!.std).toHaveLength(SPARK_POINTS);
    expect(m.get('relu1')).toMatchObject({ health: 'finding', message: 'relu1 is dead' });
    expect(m.get('bn1')!.health).toBe('non-finite');
  });
});
