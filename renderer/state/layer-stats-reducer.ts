import type { FindingCode, LayerStats, LayerStatsSnapshot } from '../../src/training/protocol';
import { PERCENTILE_RANKS } from '../../src/training/stats';
import { createRing, pushRing, type Ring } from '../../src/training/ring-buffer';

/**
 * Per-layer series of one run, one value per 'layer-stats' snapshot, oldest first.
 * Bounded rings appended in place (see ring-buffer.ts); a figure a layer does not
 * have (no weights, not a sigmoid or tanh) is stored as NaN so every ring of a
 * layer stays aligned with its `step` ring.
 */
export interface LayerSeries {
  nodeId: string;
  step: Ring;
  mean: Ring;
  std: Ring;
  /** One ring per PERCENTILE_RANKS entry (0, 7, 16, 31, 50, 69, 84, 93, 100). */
  percentiles: readonly Ring[];
  zeroFraction: Ring;
  saturated: Ring;
  nonFinite: Ring;
  outputGradNorm: Ring;
  weightGradNorm: Ring;
  weightNorm: Ring;
  updateRatio: Ring;
  /** Whether the layer has trainable weights (weight figures are not all NaN). */
  hasWeights: boolean;
  /** The newest activation histograms, oldest first (at most HISTOGRAM_HISTORY; appended in place). */
  histograms: HistogramColumn[];
}

/** One snapshot's activation histogram: equal-width bins over [min, max] of the sampled outputs. */
export interface HistogramColumn {
  step: number;
  min: number;
  max: number;
  counts: Uint32Array;
}

/** Histograms kept per layer for the heat map (its columns). */
export const HISTOGRAM_HISTORY = 400;

/** A batch-norm layer's per-channel figures at one snapshot (arrays owned by the store). */
export interface BatchNormSnapshot {
  step: number;
  batchMean: Float32Array;
  batchVar: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
  gamma: Float32Array | null;
  beta: Float32Array | null;
}

/** A training-health observation about one layer, as the trainer reported it. */
export interface LayerFinding {
  nodeId: string;
  code: FindingCode;
  /** The English text; `values` (when sent) let another language re-render it. */
  message: string;
  values?: Readonly<Record<string, string | number>>;
  step: number;
  /** The epoch of that step (absent when the trainer did not say). */
  epoch?: number;
}

/** Everything the per-layer views show about the current run. */
export interface LayerStatsState {
  /** Node ids in plan order, as the first snapshot listed them. */
  order: readonly string[];
  series: Readonly<Record<string, LayerSeries>>;
  /** Per batch-norm node, its newest snapshots, oldest first (at most BN_HISTORY). */
  batchNorm: Readonly<Record<string, readonly BatchNormSnapshot[]>>;
  /** Findings in arrival order (at most FINDINGS_CAPACITY, the newest kept). */
  findings: readonly LayerFinding[];
  /** The newest finding of each node. */
  latestFinding: Readonly<Record<string, LayerFinding>>;
  /** Snapshots received (not bounded; the series are). */
  snapshots: number;
  /** Global step of the newest snapshot (0 before any). */
  step: number;
  capacity: number;
  /** Bumped on every change, so views can re-read the mutable rings. */
  version: number;
}

/** Snapshots kept per layer: about 8 minutes at 4 a second, every epoch end of long runs. */
export const LAYER_CAPACITY = 2000;
/** Batch-norm snapshots kept per node (the latest is charted per channel; the history per step). */
export const BN_HISTORY = 400;
/** Findings kept in the list. */
export const FINDINGS_CAPACITY = 200;

/** The per-layer state before any snapshot. */
export function initialLayerStats(capacity = LAYER_CAPACITY): LayerStatsState {
  return {
    order: [],
    series: {},
    batchNorm: {},
    findings: [],
    latestFinding: {},
    snapshots: 0,
    step: 0,
    capacity,
    version: 0,
  };
}

function newSeries(nodeId: string, capacity: number): LayerSeries {
  const ring = () => createRing(capacity);
  return {
    nodeId,
    step: ring(),
    mean: ring(),
    std: ring(),
    percentiles: PERCENTILE_RANKS.map(ring),
    zeroFraction: ring(),
    saturated: ring(),
    nonFinite: ring(),
    outputGradNorm: ring(),
    weightGradNorm: ring(),
    weightNorm: ring(),
    updateRatio: ring(),
    hasWeights: false,
    histograms: [],
  };
}

const orNaN = (v: number | null): number => v ?? NaN;

function pushLayer(s: LayerSeries, step: number, l: LayerStats): void {
  const a = l.activation;
  pushRing(s.step, step);
  pushRing(s.mean, a.mean);
  pushRing(s.std, a.std);
  s.percentiles.forEach((r, i) => pushRing(r, a.percentiles[i] ?? NaN));
  pushRing(s.zeroFraction, a.zeroFraction);
  pushRing(s.saturated, orNaN(l.saturated));
  pushRing(s.nonFinite, a.nonFinite);
  pushRing(s.outputGradNorm, l.outputGradNorm);
  pushRing(s.weightGradNorm, orNaN(l.weightGradNorm));
  pushRing(s.weightNorm, orNaN(l.weightNorm));
  pushRing(s.updateRatio, orNaN(l.updateRatio));
  if (l.weightNorm !== null) s.hasWeights = true;
  if (a.count > 0) {
    s.histograms.push({ step, min: a.min, max: a.max, counts: a.histogram });
    if (s.histograms.length > HISTOGRAM_HISTORY) s.histograms.shift();
  }
}

/**
 * Appends one snapshot: each layer's figures to its rings (created on first sight),
 * and each batch-norm layer's per-channel figures to its short history. Returns a
 * new state object with a higher version; the rings are shared and appended in place.
 */
export function appendLayerStats(s: LayerStatsState, snap: LayerStatsSnapshot): LayerStatsState {
  const series = { ...s.series };
  let batchNorm = s.batchNorm;
  for (const l of snap.layers) {
    const own = (series[l.nodeId] ??= newSeries(l.nodeId, s.capacity));
    pushLayer(own, snap.step, l);
    if (l.batchNorm) {
      const entry: BatchNormSnapshot = { step: snap.step, ...l.batchNorm };
      const kept = [...(batchNorm[l.nodeId] ?? []), entry].slice(-BN_HISTORY);
      batchNorm = { ...batchNorm, [l.nodeId]: kept };
    }
  }
  return {
    ...s,
    order: s.order.length > 0 ? s.order : snap.layers.map((l) => l.nodeId),
    series,
    batchNorm,
    snapshots: s.snapshots + 1,
    step: snap.step,
    version: s.version + 1,
  };
}

/** Records a finding: appended to the (bounded) list and kept as its node's latest. */
export function appendFinding(s: LayerStatsState, f: LayerFinding): LayerStatsState {
  return {
    ...s,
    findings: [...s.findings, f].slice(-FINDINGS_CAPACITY),
    latestFinding: { ...s.latestFinding, [f.nodeId]: f },
    version: s.version + 1,
  };
}
