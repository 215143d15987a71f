import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Batcher, type Batch } from '../../../src/data/batches';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { layerHandles } from '../../../src/runtime/layer-handles';
import { batchTensors } from '../../../src/runtime/metrics';
import { Optimizer } from '../../../src/runtime/optimizer';
import { trainableVariables, trainStep, type StepContext } from '../../../src/runtime/train-step';
import { nodeWasmDir } from '../../helpers/tf-backends';
import { toyConvPlan, toyDataset } from '../../helpers/trainer-harness';

/**
 * Batches are built into buffers the Batcher allocates once; a batch's tensors must be made
 * (copied onto the backend) before the next batch overwrites them. These tests train with
 * the reused buffers and with a fresh copy of every batch: the results must be identical.
 */
const plan = toyConvPlan();
const config = { ...DEFAULT_TRAINING, batchSize: 16, learningRate: 0.1 };

/** A copy of a batch in new arrays (what a per-batch allocation would give). */
const copyOf = (b: Batch): Batch => ({
  size: b.size,
  x: b.x.slice(),
  y: b.y.slice(),
  labels: b.labels.slice(),
});

/** Losses of two epochs of steps, feeding each batch as the Batcher gives it or as a copy. */
async function losses(backend: 'wasm' | 'cpu', fresh: boolean): Promise<number[]> {
  await setupBackend(backend, { wasmPaths: nodeWasmDir() });
  const batcher = new Batcher(toyDataset(72, 4), config.batchSize);
  const model = buildModel(plan, 3);
  const variables = trainableVariables(model);
  const optimizer = new Optimizer(config, variables);
  const ctx: StepContext = {
    model,
    plan,
    optimizer,
    variables,
    layers: layerHandles(model, plan, variables),
  };
  const out: number[] = [];
  try {
    for (let epoch = 1; epoch <= 2; epoch++) {
      batcher.shuffle(5, epoch);
      for (let b = 0; b < batcher.batchesPerEpoch; b++) {
        const batch = fresh ? copyOf(batcher.batch(b)) : batcher.batch(b);
        const r = await trainStep(ctx, { batch, dropoutSeed: b, lr: config.learningRate, sampleValues: 256 });
        out.push(r.loss);
      }
    }
  } finally {
    optimizer.dispose();
    model.dispose();
  }
  return out;
}

describe('batch feeding from reused buffers', () => {
  it.each(['wasm', 'cpu'] as const)(
    'trains on %s exactly as with a fresh copy of every batch',
    async (backend) => {
      const reused = await losses(backend, false);
      const copied = await losses(backend, true);
      expect(reused).toHaveLength(10);
      expect(reused).toEqual(copied);
    },
  );

  it('never copies or changes the dataset, and hands out the same two buffers every epoch', () => {
    const ds = toyDataset(40, 6);
    const pixels = ds.pixels;
    const before = pixels.slice();
    const batcher = new Batcher(ds, 16);
    const seen = new Set<Float32Array>();
    for (let epoch = 0; epoch < 3; epoch++) {
      batcher.shuffle(1, epoch);
      for (let b = 0; b < batcher.batchesPerEpoch; b++) seen.add(batcher.batch(b).x);
    }
    expect(seen.size).toBe(2); // the full batches' buffer and the short last one's
    expect(ds.pixels).toBe(pixels);
    expect(ds.pixels).toEqual(before);
  });

  it("on wasm, a batch's tensors keep their values when the buffer is refilled", async () => {
    await setupBackend('wasm', { wasmPaths: nodeWasmDir() });
    const batcher = new Batcher(toyDataset(32, 7), 16);
    batcher.shuffle(1, 1);
    const first = batcher.batch(0);
    const expected = first.x.slice();
    const { x, y } = batchTensors(first, plan.inputShape, 3);
    try {
      expect(batcher.batch(1)).toBe(first); // the same buffer, now holding batch 1
      expect(first.x).not.toEqual(expected);
      expect(await x.data()).toEqual(expected);
    } finally {
      tf.dispose([x, y]);
    }
  });
});
