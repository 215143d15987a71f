import * as tf from '@tensorflow/tfjs-core';
import type { LayerStats } from '../training/layer-stats';
import { saturatedFraction, summarize } from '../training/stats';
import type { LayerHandle } from './layer-handles';
import type { PendingUpdate } from './optimizer';

/** Per layer, the sums of squares the statistics read: gradient wrt output, wrt weights, weights before, after, change. */
const SCALARS = 5;

/** What a snapshot step leaves on the device for the statistics, before anything is downloaded. */
export interface DeviceStats {
  /** Per layer, its output on the first `rows` examples. */
  samples: tf.Tensor[];
  /** Per layer, SCALARS sums of squares (see above); one download for all. */
  scalars: tf.Tensor;
  /** Per layer, the batch mean and biased variance of a batch-norm layer's input (null for others). */
  batchMoments: ({ mean: tf.Tensor; variance: tf.Tensor } | null)[];
  rows: number;
}

/** What a snapshot reads from the step's forward and backward pass. */
export interface StepTensors {
  /** The batch input. */
  x: tf.Tensor;
  /** Each layer's output, in plan order. */
  outputs: tf.Tensor[];
  /** ∂loss/∂output of each layer (the gradients of the probes; undefined where none reaches it). */
  outputGrads: (tf.Tensor | undefined)[];
  /** ∂loss/∂variable, aligned with the run's trainable variables. */
  weightGrads: readonly (tf.Tensor | undefined)[];
  variables: readonly tf.Variable[];
  update: PendingUpdate;
}

/** Examples to summarize so that at most `sampleValues` values are taken per layer (at least one example). */
export function sampleRows(layers: readonly LayerHandle[], batch: number, sampleValues: number): number {
  const widest = Math.max(1, ...layers.map((h) => h.perExample));
  return Math.max(1, Math.min(batch, Math.floor(sampleValues / widest)));
}

const sumSq = (t: tf.Tensor): tf.Scalar => tf.sum(tf.square(t));

/** The five sums of squares of one layer (zeros for the weight ones when it has no weights). */
function layerScalars(h: LayerHandle, s: StepTensors): tf.Tensor[] {
  const zero = tf.scalar(0);
  let grad: tf.Tensor = zero;
  let before: tf.Tensor = zero;
  let after: tf.Tensor = zero;
  let change: tf.Tensor = zero;
  for (const i of h.varIndices) {
    const w = s.variables[i]!;
    const g = s.weightGrads[i];
    const next = s.update.weights[i] ?? w;
    if (g) grad = tf.add(grad, sumSq(g));
    before = tf.add(before, sumSq(w));
    after = tf.add(after, sumSq(next));
    change = tf.add(change, sumSq(tf.sub(next, w)));
  }
  // A layer whose output does not reach the loss gets no gradient at all.
  const outGrad = s.outputGrads[h.index];
  return [outGrad ? sumSq(outGrad) : zero, grad, before, after, change];
}

/**
 * Computes a snapshot's figures on the device from a step's tensors. Reads only:
 * nothing here feeds the weights. Call inside tf.tidy and return the result.
 */
export function deviceStats(
  layers: readonly LayerHandle[],
  inputId: string,
  s: StepTensors,
  sampleValues: number,
): DeviceStats {
  const rows = sampleRows(layers, s.x.shape[0]!, sampleValues);
  const byId = new Map<string, tf.Tensor>([[inputId, s.x]]);
  layers.forEach((h) => byId.set(h.node.id, s.outputs[h.index]!));
  const samples = layers.map((h) => {
    const out = s.outputs[h.index]!;
    return rows === out.shape[0] ? tf.clone(out) : tf.slice(out, 0, rows);
  });
  const batchMoments = layers.map((h) => {
    if (!h.batchNorm) return null;
    const input = byId.get(h.node.inputs[0]!)!;
    const axes = Array.from({ length: input.rank - 1 }, (_, i) => i);
    return tf.moments(input, axes);
  });
  const scalars = tf.stack(layers.flatMap((h) => layerScalars(h, s)));
  return { samples, scalars, batchMoments, rows };
}

/** A typed array we own (backends may hand out their own storage, which must never be transferred). */
const own = async (t: tf.Tensor): Promise<Float32Array> =>
  Float32Array.from((await t.data()) as Float32Array);

/** Downloads a BN layer's per-channel figures; call after the step was committed (running stats, gamma, beta are then current). */
async function readBatchNorm(h: LayerHandle, d: DeviceStats, variables: readonly tf.Variable[]) {
  const bn = h.batchNorm!;
  const m = d.batchMoments[h.index]!;
  const [batchMean, batchVar, runningMean, runningVar, gamma, beta] = await Promise.all([
    own(m.mean),
    own(m.variance),
    own(bn.movingMean),
    own(bn.movingVariance),
    bn.gamma === null ? null : own(variables[bn.gamma]!),
    bn.beta === null ? null : own(variables[bn.beta]!),
  ]);
  return { batchMean, batchVar, runningMean, runningVar, gamma, beta };
}

/** Turns downloaded figures of one layer into its statistics. */
function layerStats(
  h: LayerHandle,
  sample: Float32Array,
  sq: ArrayLike<number>,
): Omit<LayerStats, 'batchNorm'> {
  const o = h.index * SCALARS;
  const [outGrad, grad, before, after, change] = [0, 1, 2, 3, 4].map((k) => sq[o + k]!) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const weighted = h.varIndices.length > 0;
  const fn = h.activation;
  return {
    nodeId: h.node.id,
    activation: summarize(sample),
    saturated: fn === 'sigmoid' || fn === 'tanh' ? saturatedFraction(sample, fn) : null,
    outputGradNorm: Math.sqrt(outGrad),
    weightGradNorm: weighted ? Math.sqrt(grad) : null,
    weightNorm: weighted ? Math.sqrt(after) : null,
    updateRatio: weighted ? Math.sqrt(change) / Math.sqrt(before) : null,
  };
}

/**
 * Downloads a snapshot and computes each layer's statistics (in plan order). Call after
 * the step was committed; disposes nothing (the caller owns `d`).
 */
export async function readStats(
  layers: readonly LayerHandle[],
  d: DeviceStats,
  variables: readonly tf.Variable[],
): Promise<LayerStats[]> {
  const [sq, samples, bns] = await Promise.all([
    d.scalars.data(),
    Promise.all(d.samples.map((t) => t.data() as Promise<Float32Array>)),
    Promise.all(layers.map((h) => (h.batchNorm ? readBatchNorm(h, d, variables) : null))),
  ]);
  return layers.map((h) => ({ ...layerStats(h, samples[h.index]!, sq), batchNorm: bns[h.index] ?? null }));
}

/** Every tensor of a DeviceStats. */
export const deviceTensors = (d: DeviceStats): tf.Tensor[] => [
  ...d.samples,
  d.scalars,
  ...d.batchMoments.flatMap((m) => (m ? [m.mean, m.variance] : [])),
];
