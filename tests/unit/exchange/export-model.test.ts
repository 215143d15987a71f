import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { exportModelJson } from '../../../src/runtime/export-model';
import { planOf, templates } from './exchange-helpers';

/** Loads an export the way an app would: tf.loadLayersModel over tf.io.fromMemory. */
async function load(exported: Awaited<ReturnType<typeof exportModelJson>>): Promise<tfl.LayersModel> {
  const { modelTopology, weightsManifest } = exported.modelJson;
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelTopology as object,
      weightSpecs: weightsManifest[0]!.weights,
      weightData: exported.weightData,
    }),
  );
}

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('exportModelJson (tfjs model.json + weights)', () => {
  beforeAll(async () => {
    await setupBackend('cpu');
  });

  it.each(templates())('%s: tf.loadLayersModel reads it back with equal predictions', async (_id, doc) => {
    const plan = planOf(doc);
    const exported = await exportModelJson(plan, { seed: 7 });
    expect(exported.modelJson.format).toBe('layers-model');
    expect(exported.modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const reference = buildModel(plan, 7);
    const loaded = await load(exported);
    const x = tf.randomUniform([2, ...plan.inputShape], 0, 1, 'float32', 3);
    try {
      expect(
        loaded.layers
          .slice(1)
          .map((l) => l.name)
          .sort(),
      ).toEqual(plan.nodes.map((n) => n.id).sort());
      expect(maxAbsDiff(loaded.predict(x) as tf.Tensor, reference.predict(x) as tf.Tensor)).toBeLessThan(
        1e-5,
      );
    } finally {
      tf.dispose([x]);
      reference.dispose();
      loaded.dispose();
    }
  });

  it('writes trained weights in place of the fresh ones, and refuses unknown names', async () => {
    const [, doc] = templates().find(([id]) => id === 'lenet-bn')!;
    const plan = planOf(doc);
    const mean = new Float32Array(6).fill(0.25);
    const exported = await exportModelJson(plan, { seed: 1, weights: { 'bn1/moving_mean': mean } });
    const loaded = await load(exported);
    expect(Array.from(loaded.getLayer('bn1').getWeights()[2]!.dataSync())).toEqual(Array.from(mean));
    loaded.dispose();
    await expect(exportModelJson(plan, { seed: 1, weights: { 'nope/kernel': mean } })).rejects.toThrow(
      /no weight 'nope\/kernel'/,
    );
  });
});
