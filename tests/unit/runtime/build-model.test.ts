import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel, layerSeed } from '../../../src/runtime/build-model';
import { templatePlan } from '../../helpers/plans';

const count = (ws: { shape: (number | null)[] }[]): number =>
  ws.reduce((n, w) => n + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);

describe('buildModel', () => {
  beforeAll(async () => {
    await setupBackend('cpu');
  });

  it.each([
    ['lenet-bn', 44878, 452],
    ['lenet', 44878 - 12 - 32 - 240 - 168, 0],
  ])('%s has the parameter counts of its plan and logits of 10 classes', (id, trainable, nonTrainable) => {
    const { plan } = templatePlan(id);
    const model = buildModel(plan, 1);
    try {
      expect(count(model.trainableWeights)).toBe(trainable);
      expect(count(model.nonTrainableWeights)).toBe(nonTrainable);
      expect(plan.params).toEqual({ trainable, nonTrainable });
      expect(model.outputs[0]!.shape).toEqual([null, 10]);
      expect(model.inputs[0]!.shape).toEqual([null, 28, 28, 1]);
      expect(model.layers.slice(1).map((l) => l.name)).toEqual(plan.nodes.map((n) => n.id));
    } finally {
      model.dispose();
    }
  });

  it('gives the same weights for the same seed and different ones for another', () => {
    const { plan } = templatePlan('lenet-bn');
    const values = (seed: number): Float32Array[] => {
      const model = buildModel(plan, seed);
      const out = model.getWeights().map((w) => w.dataSync() as Float32Array);
      model.dispose();
      return out;
    };
    const a = values(7);
    expect(values(7)).toEqual(a);
    const b = values(8);
    expect(b[0]).not.toEqual(a[0]);
    // Biases start at zero, whatever the seed.
    expect(Array.from(b[1]!).every((v) => v === 0)).toBe(true);
  });

  it('seeds each layer differently', () => {
    const seeds = new Set(Array.from({ length: 20 }, (_, i) => layerSeed(1, i)));
    expect(seeds.size).toBe(20);
    expect(layerSeed(1, 0)).not.toBe(layerSeed(2, 0));
  });

  it('leaves no tensors behind once disposed', () => {
    const { plan } = templatePlan('lenet-bn');
    const before = tf.memory().numTensors;
    buildModel(plan, 3).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
