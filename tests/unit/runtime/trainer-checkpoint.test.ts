import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../../src/data/batches';
import type { TrainingConfig } from '../../../src/graph/document';
import { buildModel } from '../../../src/runtime/build-model';
import { restoreCheckpoint } from '../../../src/runtime/checkpoint-io';
import { forward } from '../../../src/runtime/forward';
import { batchTensors } from '../../../src/runtime/metrics';
import { Optimizer } from '../../../src/runtime/optimizer';
import { trainableVariables } from '../../../src/runtime/train-step';
import type { Checkpoint } from '../../../src/training/protocol';
import {
  harness,
  lastCheckpoint,
  ofType,
  reportedSteps,
  startMsg,
  toyConvPlan,
  toyDataset,
  toyPlan,
  toySource,
} from '../../helpers/trainer-harness';

/** Every weight of a checkpoint as numbers, by name. */
const weightsOf = (c: Checkpoint): Map<string, Float32Array> =>
  new Map(
    c.manifest.tensors.map((t) => [
      `${t.role}:${t.name}`,
      new Float32Array(
        c.buffer,
        t.offset * 4,
        t.shape.reduce((a, b) => a * b, 1),
      ),
    ]),
  );

function expectSameWeights(a: Checkpoint, b: Checkpoint, tolerance: number): void {
  const wa = weightsOf(a);
  const wb = weightsOf(b);
  expect([...wa.keys()].sort()).toEqual([...wb.keys()].sort());
  for (const [name, values] of wa) {
    const other = wb.get(name)!;
    let diff = 0;
    values.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - other[i]!))));
    expect(diff, name).toBeLessThanOrEqual(tolerance);
  }
}

/** Adam, a cosine schedule with warm-up, batch norm and dropout: every piece of state a resume must carry. */
const CONFIG: Partial<TrainingConfig> = {
  batchSize: 16,
  epochs: 10,
  optimizer: 'adam',
  learningRate: 0.01,
  schedule: { kind: 'cosine', warmupSteps: 5 },
};

async function train(opts: Parameters<typeof startMsg>[1]) {
  const { trainer, messages } = harness(toySource(64, 16));
  await trainer.handle(startMsg(toyConvPlan(), { config: CONFIG, stats: { enabled: false }, ...opts }));
  expect(ofType(messages, 'failed')).toEqual([]);
  return messages;
}

describe('checkpoints', () => {
  it('5 + 5 epochs (resumed from the epoch-5 checkpoint) give the weights of 10', async () => {
    const full = await train({});
    const first = await train({ limits: { maxEpochs: 5 } });
    const ckpt = lastCheckpoint(first);
    expect(ckpt.manifest).toMatchObject({
      epoch: 5,
      step: 20,
      batchInEpoch: 4,
      optimizer: { kind: 'adam', updates: 20 },
    });
    const second = await train({ runId: 'run-2', resume: ckpt });
    expect(ofType(second, 'started')[0]!.resumed).toEqual({ epoch: 6, step: 20 });
    expect(ofType(second, 'epoch').map((m) => m.epoch)).toEqual([6, 7, 8, 9, 10]);
    expect(reportedSteps(second)).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));
    expectSameWeights(lastCheckpoint(second), lastCheckpoint(full), 1e-5);
    expect(ofType(full, 'checkpoint').map((m) => [m.epoch, m.kind])).toEqual(
      Array.from({ length: 10 }, (_, i) => [i + 1, 'epoch-end']),
    );
  }, 60_000);

  it('a run cut mid-epoch resumes at the next batch of that epoch', async () => {
    const full = await train({ config: { ...CONFIG, epochs: 3 } });
    const cut = await train({ config: { ...CONFIG, epochs: 3 }, limits: { maxSteps: 6 } });
    const ckpt = lastCheckpoint(cut);
    expect(ckpt.manifest).toMatchObject({ epoch: 2, step: 6, batchInEpoch: 2 });
    const rest = await train({ config: { ...CONFIG, epochs: 3 }, resume: ckpt });
    expect(reportedSteps(rest)).toEqual([7, 8, 9, 10, 11, 12]);
    expectSameWeights(lastCheckpoint(rest), lastCheckpoint(full), 1e-5);
  }, 60_000);

  it('refuses a checkpoint of another model as train/checkpoint', async () => {
    const ckpt = lastCheckpoint(await train({ config: { ...CONFIG, epochs: 1 } }));
    const { trainer, messages } = harness(toySource(64, 16));
    await trainer.handle(startMsg(toyPlan([['flatten'], ['dense', { units: 3 }]]), { resume: ckpt }));
    expect(ofType(messages, 'failed')[0]!.diagnostic).toMatchObject({ code: 'train/checkpoint' });
    expect(ofType(messages, 'failed')[0]!.diagnostic.message).toMatch(
      /does not fit this model: it has no weight 'l2\/kernel'/,
    );
  });
});

describe('a diverging run', () => {
  const plan = toyPlan([
    ['flatten'],
    ['dense', { units: 16 }],
    ['dense', { units: 16 }],
    ['dense', { units: 3 }],
  ]);
  const config = { batchSize: 16, epochs: 2, learningRate: 10 };

  it('fails naming the first non-finite layer and keeps the weights from before the failing step', async () => {
    const { trainer, messages } = harness(toySource(256, 16));
    await trainer.handle(startMsg(plan, { config }));
    const [failed] = ofType(messages, 'failed');
    expect(failed!.diagnostic.code).toBe('train/non-finite');
    const step = Number(/at step (\d+)/.exec(failed!.diagnostic.message)?.[1]);
    const nodeId = failed!.diagnostic.nodeId!;
    const node = plan.nodes.find((n) => n.id === nodeId)!;
    expect(failed!.diagnostic.message).toContain(`'${node.name}'`);
    expect(reportedSteps(messages)).toEqual(Array.from({ length: step - 1 }, (_, i) => i + 1));
    expect(ofType(messages, 'finding')).toMatchObject([{ code: 'health/non-finite', nodeId }]);
    // Each finding says its epoch too (charts and lists show where in the run it came).
    const perEpoch = ofType(messages, 'started')[0]!.batchesPerEpoch;
    for (const f of ofType(messages, 'finding')) expect(f.epoch).toBe(Math.ceil(f.step / perEpoch));
    expect(failed!.diagnostic).toMatchObject({
      key: expect.stringMatching(/^non-finite-/),
      values: { step },
    });
    // The last-good checkpoint holds exactly the weights of a run stopped before the failing step.
    const kept = lastCheckpoint(messages, 'last-good');
    expect(kept.manifest.step).toBe(step - 1);
    const ref = harness(toySource(256, 16));
    await ref.trainer.handle(startMsg(plan, { config, limits: { maxSteps: step - 1 } }));
    expectSameWeights(kept, lastCheckpoint(ref.messages), 0);
    // With those weights, the failing batch is finite up to the named layer and not at it.
    const model = buildModel(plan, 1);
    const opt = new Optimizer({ ...startMsg(plan).config }, trainableVariables(model));
    restoreCheckpoint(model, opt, kept);
    const batcher = new Batcher(toyDataset(256, 1), 16);
    batcher.shuffle(1, 1);
    const finite: boolean[] = [];
    tf.tidy(() => {
      const { x } = batchTensors(batcher.batch(step - 1), plan.inputShape, 3);
      forward(model, plan, x, {
        mode: 'train',
        tap: (_n, i, out) => {
          finite[i] = (out.dataSync() as Float32Array).every(Number.isFinite);
          return out;
        },
      });
    });
    const at = plan.nodes.indexOf(node);
    expect(finite.slice(0, at + 1)).toEqual([...new Array<boolean>(at).fill(true), false]);
    opt.dispose();
    model.dispose();
  });
});
