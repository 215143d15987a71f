import type { ValueSummary } from './stats';

/** Per-channel (per-feature) figures of a batch-norm layer at a snapshot. */
export interface BatchNormStats {
  /** Mean and biased variance of the layer's input over this batch (what it normalized with). */
  batchMean: Float32Array;
  batchVar: Float32Array;
  /** Running averages after the step (what prediction mode normalizes with). */
  runningMean: Float32Array;
  runningVar: Float32Array;
  /** Scale and offset after the step; null when the layer has none (scale/center off). */
  gamma: Float32Array | null;
  beta: Float32Array | null;
}

/** What one layer looked like at one training step. */
export interface LayerStats {
  /** The plan node (= canvas node) id. */
  nodeId: string;
  /**
   * The layer's output on the first `sampledExamples` examples of the batch (the
   * batch is shuffled, so they are a random sample), in training mode.
   */
  activation: ValueSummary;
  /** Share of outputs in a sigmoid's or tanh's saturated ends; null when the output is neither. */
  saturated: number | null;
  /** ‖∂loss/∂output‖₂ over the whole batch. */
  outputGradNorm: number;
  /** ‖∂loss/∂weights‖₂ over the layer's trainable weights; null when it has none. */
  weightGradNorm: number | null;
  /** ‖weights‖₂ after the step; null without trainable weights. */
  weightNorm: number | null;
  /** ‖Δweights‖₂ / ‖weights before the step‖₂ of this step; null without trainable weights. */
  updateRatio: number | null;
  /** Batch-norm layers only. */
  batchNorm: BatchNormStats | null;
}

/** The 'layer-stats' message body, without type and runId. */
export interface LayerStatsSnapshot {
  /** The global step (1-based) these figures come from (after its update). */
  step: number;
  epoch: number;
  /** True for the last step of an epoch. */
  epochEnd: boolean;
  /** Examples whose outputs were summarized (the first rows of the batch), per layer. */
  sampledExamples: number;
  /** One entry per plan node, in plan order. */
  layers: LayerStats[];
}

/** Every typed-array buffer of a snapshot, once each (for transfer lists). */
export function snapshotBuffers(s: LayerStatsSnapshot): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (a: Float32Array | Uint32Array | null): void => {
    if (a) out.add(a.buffer as ArrayBuffer);
  };
  for (const l of s.layers) {
    add(l.activation.percentiles);
    add(l.activation.histogram);
    const bn = l.batchNorm;
    if (bn) [bn.batchMean, bn.batchVar, bn.runningMean, bn.runningVar, bn.gamma, bn.beta].forEach(add);
  }
  return [...out];
}
