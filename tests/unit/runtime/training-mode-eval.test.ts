import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Batcher } from '../../../src/data/batches';
import { setupBackend } from '../../../src/runtime/backend';
import { buildModel } from '../../../src/runtime/build-model';
import { evaluate } from '../../../src/runtime/evaluate';
import { forward } from '../../../src/runtime/forward';
import { batchTensors } from '../../../src/runtime/metrics';
import { toyConvPlan, toyDataset } from '../../helpers/trainer-harness';

/** Every weight of the model (trainable and running statistics) as raw bytes. */
const snapshot = (model: tfl.LayersModel): Map<string, Uint8Array> =>
  new Map(
    model.weights.map((w) => [
      w.originalName,
      new Uint8Array((w.read().dataSync() as Float32Array).slice().buffer),
    ]),
  );

const hooks = { yieldToHost: async () => {}, shouldStop: () => false };

describe('training-mode evaluation', () => {
  const plan = toyConvPlan();
  let model: tfl.LayersModel;
  const data = new Batcher(toyDataset(80, 3), 16);

  beforeAll(async () => {
    await setupBackend('cpu');
    model = buildModel(plan, 9);
    // Move the running averages away from their initial values, as training would.
    for (let b = 0; b < 3; b++) {
      tf.tidy(() =>
        forward(model, plan, batchTensors(data.batch(b), plan.inputShape, 3).x, {
          mode: 'train',
          dropoutSeed: b,
        }),
      );
    }
  });

  it('leaves weights and running statistics bit-identical and differs from prediction mode', async () => {
    const before = snapshot(model);
    expect([...before.keys()].filter((k) => /moving_(mean|variance)/.test(k))).toHaveLength(4);
    const trainingMode = await evaluate(model, plan, data, 'batch-stats', hooks);
    const predictionMode = await evaluate(model, plan, data, 'predict', hooks);
    expect(snapshot(model)).toEqual(before);
    expect(trainingMode!.loss).not.toBeCloseTo(predictionMode!.loss, 3);
  });

  it('normalises with the batch statistics exactly as tfjs training does (minus dropout and updates)', () => {
    const noDropout = { ...plan, nodes: plan.nodes.filter((n) => n.className !== 'Dropout') };
    noDropout.nodes = noDropout.nodes.map((n, i, all) =>
      i > 0 && n.inputs[0] !== all[i - 1]!.id ? { ...n, inputs: [all[i - 1]!.id] } : n,
    );
    const probe = buildModel(noDropout, 4);
    const x = tf.tidy(() => batchTensors(data.batch(0), plan.inputShape, 3).x);
    const ours = tf.tidy(() => forward(probe, noDropout, x, { mode: 'batch-stats' }));
    const theirs = tf.tidy(() => probe.apply(x, { training: true }) as tf.Tensor);
    expect(tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([x, ours, theirs]);
    probe.dispose();
  });

  it("is needed: tfjs's own training: true changes the running statistics", () => {
    const before = snapshot(model);
    tf.tidy(
      () => model.apply(batchTensors(data.batch(4), plan.inputShape, 3).x, { training: true }) as tf.Tensor,
    );
    const after = snapshot(model);
    const changed = [...before.keys()].filter((k) => !Buffer.from(before.get(k)!).equals(after.get(k)!));
    expect(changed.sort()).toEqual([...before.keys()].filter((k) => /moving_(mean|variance)/.test(k)).sort());
  });
});
