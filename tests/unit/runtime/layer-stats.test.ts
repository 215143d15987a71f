import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forward } from '../../../src/runtime/forward';
import { batchTensors } from '../../../src/runtime/metrics';
import { prepareRun, type PreparedRun } from '../../../src/runtime/prepare';
import { saveRunningStats } from '../../../src/runtime/running-stats';
import { trainStep, type StepOutcome } from '../../../src/runtime/train-step';
import { expectSummary } from '../../helpers/plain-stats';
import { nodeWasmDir } from '../../helpers/tf-backends';
import { startMsg, toyConvPlan, toySource } from '../../helpers/trainer-harness';

const plain = {
  norm: (a: ArrayLike<number>): number => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0)),
  /** Per-channel mean and biased variance over all but the last axis. */
  moments(a: Float32Array, channels: number) {
    const n = a.length / channels;
    const mean = new Array<number>(channels).fill(0);
    const variance = new Array<number>(channels).fill(0);
    for (let i = 0; i < a.length; i++) mean[i % channels]! += a[i]! / n;
    for (let i = 0; i < a.length; i++) variance[i % channels]! += (a[i]! - mean[i % channels]!) ** 2 / n;
    return { mean, variance };
  },
};

/** Every layer's training-mode output for a batch, without changing anything (running stats restored). */
function outputsOf(run: PreparedRun, b: number, dropoutSeed: number): Float32Array[] {
  const saved = saveRunningStats(run.model);
  const outs: Float32Array[] = [];
  tf.tidy(() => {
    const { x } = batchTensors(run.train.batch(b), run.plan.inputShape, 3);
    forward(run.model, run.plan, x, {
      mode: 'train',
      dropoutSeed,
      tap: (_n, i, out) => {
        outs[i] = out.dataSync() as Float32Array;
        return out;
      },
    });
  });
  saved.restore();
  saved.dispose();
  return outs.map((o) => o.slice());
}

describe('per-layer statistics of a step', () => {
  let run: PreparedRun;
  const lr = 0.05;

  beforeAll(async () => {
    const msg = startMsg(toyConvPlan(), { config: { batchSize: 16, learningRate: lr } });
    run = await prepareRun(msg, toySource(64, 16), { wasmPaths: nodeWasmDir() });
    run.train.shuffle(1, 1);
  });
  afterAll(() => run.dispose());

  it('equal plain-loop numbers over the captured outputs, gradients and weights', async () => {
    const seed = 77;
    const outputs = outputsOf(run, 0, seed);
    const rows = 3;
    const denseIdx = run.plan.nodes.length - 1;
    const dense = run.layers[denseIdx]!;
    const before = dense.varIndices.map((i) => run.variables[i]!.dataSync().slice());
    const bnIdx = run.plan.nodes.findIndex((n) => n.className === 'BatchNormalization');
    const bn = run.layers[bnIdx]!.batchNorm!;
    const runningBefore = bn.movingMean.dataSync().slice();
    // Capture at most 3 examples per layer: the widest output is 8·8·4 values per example.
    const r: StepOutcome = await trainStep(run, {
      batch: run.train.batch(0),
      dropoutSeed: seed,
      lr,
      sampleValues: 3 * 256,
    });
    if (!r.ok || !r.stats) throw new Error('expected a committed step with statistics');
    expect(r.stats.rows).toBe(rows);
    r.stats.layers.forEach((s, i) => {
      expect(s.nodeId).toBe(run.plan.nodes[i]!.id);
      expectSummary(s.activation, outputs[i]!.subarray(0, rows * run.layers[i]!.perExample));
    });
    // The logits' gradient of the mean cross-entropy is (softmax − onehot) / batch.
    const logits = outputs[denseIdx]!;
    const labels = run.train.batch(0).labels;
    const g: number[] = [];
    for (let e = 0; e < 16; e++) {
      const row = Array.from(logits.subarray(e * 3, e * 3 + 3));
      const z = row.reduce((s, v) => s + Math.exp(v), 0);
      row.forEach((v, k) => g.push((Math.exp(v) / z - (labels[e] === k ? 1 : 0)) / 16));
    }
    const last = r.stats.layers[denseIdx]!;
    expect(last.outputGradNorm).toBeCloseTo(plain.norm(g), 6);
    // Plain SGD: the update is lr·gradient, so ‖Δw‖/‖w‖ = lr·‖g‖/‖w before‖; ‖w‖ is read after the step.
    const wBefore = plain.norm(before.flatMap((a) => Array.from(a)));
    const wAfter = plain.norm(dense.varIndices.flatMap((i) => Array.from(run.variables[i]!.dataSync())));
    expect(last.updateRatio!).toBeCloseTo((lr * last.weightGradNorm!) / wBefore, 6);
    expect(last.weightNorm!).toBeCloseTo(wAfter, 5);
    // Batch norm: the batch moments of its input (the conv's output), running averages after the step.
    const stats = r.stats.layers[bnIdx]!.batchNorm!;
    const conv = plain.moments(outputs[bnIdx - 1]!, 4);
    conv.mean.forEach((m, c) => expect(stats.batchMean[c]!).toBeCloseTo(m, 5));
    conv.variance.forEach((v, c) => expect(stats.batchVar[c]!).toBeCloseTo(v, 5));
    conv.mean.forEach((m, c) =>
      expect(stats.runningMean[c]!).toBeCloseTo(0.9 * runningBefore[c]! + 0.1 * m, 5),
    );
    expect(Array.from(stats.runningMean)).toEqual(Array.from(bn.movingMean.dataSync()));
    expect(stats.gamma).toHaveLength(4);
  });

  it('a step whose update is not finite writes nothing (weights, running averages, optimizer)', async () => {
    const snapshot = (): Uint8Array[] => [
      ...run.model.weights.map((w) => new Uint8Array((w.read().dataSync() as Float32Array).slice().buffer)),
    ];
    const before = snapshot();
    const updates = run.optimizer.updates;
    const r = await trainStep(run, {
      batch: run.train.batch(1),
      dropoutSeed: 1,
      lr: Infinity,
      sampleValues: 1024,
    });
    expect(r.ok).toBe(false);
    expect(snapshot()).toEqual(before);
    expect(run.optimizer.updates).toBe(updates);
  });
});
