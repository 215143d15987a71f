import { describe, expect, it } from 'vitest';
import {
  packWeightSet,
  planWeights,
  unpackWeightSet,
  type NamedTensor,
} from '../../../src/compiler/tfjs-weights';
import { parseToTrainer, transferablesOf, type FromTrainer } from '../../../src/training/protocol';
import { harness, ofType, startMsg, toyConvPlan, toySource } from '../../helpers/trainer-harness';

type WeightsMsg = Extract<FromTrainer, { type: 'weights' }>;

/** The weights in a 'weights' answer, by name. */
function byName(msg: WeightsMsg): Map<string, NamedTensor> {
  const r = unpackWeightSet(msg.weights!);
  if (!r.ok) throw new Error(r.error);
  return new Map(r.value.map((t) => [t.name, t]));
}

/** Asks the trainer for its weights and returns the answer. */
async function weightsOf(
  trainer: ReturnType<typeof harness>['trainer'],
  messages: FromTrainer[],
  id: string,
) {
  await trainer.handle({ type: 'get-weights', requestId: id });
  const answer = ofType(messages, 'weights').find((m) => m.requestId === id);
  if (!answer) throw new Error('no answer');
  return answer;
}

describe('Trainer: get-weights and initial weights', () => {
  it('validates the new messages', () => {
    expect(parseToTrainer({ type: 'get-weights', requestId: 'r1' }).ok).toBe(true);
    expect(parseToTrainer({ type: 'get-weights' }).ok).toBe(false);
    const bad = startMsg(toyConvPlan());
    expect(
      parseToTrainer({
        ...bad,
        initialWeights: { specs: [{ name: 'a', shape: [1], dtype: 'int8' }], data: new ArrayBuffer(4) },
      }).ok,
    ).toBe(false);
    const set = packWeightSet([{ name: 'a/kernel', shape: [2], values: new Float32Array([1, 2]) }]);
    expect(transferablesOf({ type: 'weights', requestId: 'r', runId: null, weights: set })).toEqual([
      set.data,
    ]);
  });

  it('answers null before any run, then the last run’s weights after it ended (a fresh copy each time)', async () => {
    const { trainer, messages } = harness(toySource(64, 16));
    expect(await weightsOf(trainer, messages, 'w0')).toEqual({
      type: 'weights',
      requestId: 'w0',
      runId: null,
      weights: null,
    });
    const plan = toyConvPlan();
    await trainer.handle(
      startMsg(plan, { limits: { maxSteps: 2 }, stats: { enabled: false }, backend: 'wasm' }),
    );
    const a = await weightsOf(trainer, messages, 'w1');
    const b = await weightsOf(trainer, messages, 'w2');
    expect(a.runId).toBe('run-1');
    expect(a.weights!.data).not.toBe(b.weights!.data);
    expect(a.weights!.specs.map((s) => `${s.name}:${s.shape.join('x')}`).sort()).toEqual(
      planWeights(plan)
        .map((s) => `${s.name}:${s.shape.join('x')}`)
        .sort(),
    );
    // The answer is the trained weights: the same as the run's final checkpoint.
    const ckpt = ofType(messages, 'checkpoint').at(-1)!.data!;
    const kernel = ckpt.manifest.tensors.find(
      (t) => t.name === planWeights(plan)[0]!.name && t.role === 'weight',
    )!;
    const size = kernel.shape.reduce((x, y) => x * y, 1);
    expect(Array.from(byName(a).get(kernel.name)!.values)).toEqual(
      Array.from(new Float32Array(ckpt.buffer, kernel.offset * 4, size)),
    );
  });

  it('starts a run from initial weights, and refuses ones that do not fit naming the weight', async () => {
    const plan = toyConvPlan();
    const initial = planWeights(plan).map((w, i) => ({
      name: w.name,
      shape: w.shape,
      values: Float32Array.from({ length: w.shape.reduce((x, y) => x * y, 1) }, (_, k) =>
        w.name.endsWith('moving_variance') ? 1 : 0.01 * (((i * 7 + k) % 13) - 6),
      ),
    }));
    const { trainer, messages } = harness(toySource(64, 16));
    // A learning rate so small that one step leaves the trainable weights where they started.
    await trainer.handle({
      ...startMsg(plan, {
        limits: { maxSteps: 1 },
        config: { learningRate: 1e-12 },
        stats: { enabled: false },
        backend: 'wasm',
      }),
      initialWeights: packWeightSet(initial),
    });
    expect(ofType(messages, 'failed')).toEqual([]);
    const got = byName(await weightsOf(trainer, messages, 'w'));
    for (const t of initial.filter((w) => w.name.endsWith('kernel'))) {
      const values = got.get(t.name)!.values;
      let diff = 0;
      values.forEach((v, k) => (diff = Math.max(diff, Math.abs(v - t.values[k]!))));
      expect(diff, t.name).toBeLessThan(1e-6);
    }

    const wrong = initial.map((t, i) => (i === 0 ? { ...t, shape: [t.values.length], values: t.values } : t));
    await trainer.handle({
      ...startMsg(plan, { runId: 'run-2', limits: { maxSteps: 1 }, backend: 'wasm' }),
      initialWeights: packWeightSet(wrong),
    });
    const failed = ofType(messages, 'failed').find((m) => m.runId === 'run-2');
    expect(failed?.diagnostic.code).toBe('train/checkpoint');
    expect(failed?.diagnostic.message).toContain(
      `'${initial[0]!.name}' has shape [${initial[0]!.values.length}]`,
    );
  });
});
