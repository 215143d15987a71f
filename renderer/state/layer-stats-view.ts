import type { LayerFinding, LayerStatsState } from './layer-stats-reducer';
import { ringLast, ringValues } from '../../src/training/ring-buffer';

/** How a layer is doing: no finding, a finding, or non-finite values. */
export type HealthLevel = 'ok' | 'finding' | 'non-finite';

/** What a canvas node shows about its layer's training: two short series and its health. */
export interface NodeInsight {
  /** Activation standard deviation of the newest snapshots, oldest first. */
  std: Float64Array;
  /** ‖∂loss/∂output‖ of the same snapshots. */
  grad: Float64Array;
  latestStd: number;
  latestGrad: number;
  health: HealthLevel;
  /** The newest finding's message (English, from the trainer), or null. */
  message: string | null;
}

/** Snapshots a node's sparklines show. */
export const SPARK_POINTS = 60;

/**
 * The insight of every layer that has statistics, by node id. Pure apart from reading
 * the rings, so call it when the state's version changes (throttled by the caller).
 */
export function nodeInsights(
  s: LayerStatsState,
  messageOf: (f: LayerFinding) => string = (f) => f.message,
): ReadonlyMap<string, NodeInsight> {
  const out = new Map<string, NodeInsight>();
  for (const [id, series] of Object.entries(s.series)) {
    const finding = s.latestFinding[id] ?? null;
    const nonFinite = (ringLast(series.nonFinite) ?? 0) > 0 || finding?.code === 'health/non-finite';
    out.set(id, {
      std: ringValues(series.std, SPARK_POINTS),
      grad: ringValues(series.outputGradNorm, SPARK_POINTS),
      latestStd: ringLast(series.std) ?? NaN,
      latestGrad: ringLast(series.outputGradNorm) ?? NaN,
      health: nonFinite ? 'non-finite' : finding ? 'finding' : 'ok',
      message: finding ? messageOf(finding) : null,
    });
  }
  return out;
}
