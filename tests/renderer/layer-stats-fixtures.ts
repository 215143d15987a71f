import type { FromTrainer, LayerStats } from '../../src/training/protocol';
import { HISTOGRAM_BINS } from '../../src/training/stats';

/** A layer's statistics whose figures grow with `step`, so series are easy to check. */
export function layerStats(
  nodeId: string,
  step: number,
  opts: { bn?: number; weights?: boolean } = {},
): LayerStats {
  const weights = opts.weights ?? true;
  const channels = opts.bn ?? 0;
  const ch = (f: (i: number) => number) => Float32Array.from({ length: channels }, (_, i) => f(i));
  return {
    nodeId,
    activation: {
      count: 100,
      nonFinite: 0,
      mean: step / 10,
      std: 1 + step / 100,
      min: -1,
      max: 1,
      l2: 10,
      zeroFraction: 0.1,
      percentiles: Float32Array.from([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1], (p) => p * step),
      histogram: new Uint32Array(HISTOGRAM_BINS),
    },
    saturated: null,
    outputGradNorm: 0.01 * step,
    weightGradNorm: weights ? 0.1 * step : null,
    weightNorm: weights ? 5 + step : null,
    updateRatio: weights ? 1e-3 : null,
    batchNorm:
      channels > 0
        ? {
            batchMean: ch((i) => i + step),
            batchVar: ch((i) => 1 + i),
            runningMean: ch((i) => (i + step) / 2),
            runningVar: ch(() => 1),
            gamma: ch(() => 1),
            beta: ch(() => 0),
          }
        : null,
  };
}

/** A 'layer-stats' message of a small net: conv1 (weights), bn1 (3 channels), relu1 (no weights). */
export function snapshot(runId: string, step: number): FromTrainer {
  return {
    type: 'layer-stats',
    runId,
    step,
    epoch: 1,
    epochEnd: false,
    sampledExamples: 8,
    layers: [
      layerStats('conv1', step),
      layerStats('bn1', step, { bn: 3 }),
      layerStats('relu1', step, { weights: false }),
    ],
  };
}
