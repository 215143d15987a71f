import { describe, expect, it } from 'vitest';
import { createTrainingClient } from '../../../renderer/workers/training-client';
import { packWeightSet } from '../../../src/compiler/tfjs-weights';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import type { FromTrainer } from '../../../src/training/protocol';
import { toyPlan, TOY_REF } from '../../helpers/trainer-harness';

/** A stand-in for a Worker: records posted messages and lets the test answer. */
class FakeWorker {
  posted: { type: string; requestId?: string; initialWeights?: unknown }[] = [];
  private handlers = new Map<string, ((e: unknown) => void)[]>();
  addEventListener(type: string, fn: (e: unknown) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
  }
  removeEventListener(): void {}
  postMessage(msg: { type: string }): void {
    this.posted.push(msg);
  }
  terminate(): void {}
  emit(data: unknown): void {
    for (const fn of this.handlers.get('message') ?? []) fn({ data });
  }
  crash(): void {
    for (const fn of this.handlers.get('error') ?? []) fn({ message: 'boom', preventDefault() {} });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createTrainingClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    newRunId: () => 'r1',
  });
  const received: FromTrainer[] = [];
  client.subscribe((m) => received.push(m));
  return { client, workers, received };
}

const args = {
  plan: toyPlan([['flatten'], ['dense', { units: 3 }]]),
  config: DEFAULT_TRAINING,
  dataset: TOY_REF,
  limits: { maxExamples: 10, maxEpochs: 1, maxSteps: null, maxTestExamples: null },
};

describe('training client: weights', () => {
  it('answers no weights without a worker', async () => {
    expect(await setup().client.getWeights()).toEqual({ runId: null, weights: null });
  });

  it('sends initial weights with start and matches weight answers to their requests', async () => {
    const { client, workers, received } = setup();
    const initial = packWeightSet([{ name: 'd/kernel', shape: [1], values: new Float32Array([2]) }]);
    client.start({ ...args, initialWeights: initial });
    const w = workers[0]!;
    expect(w.posted[0]).toMatchObject({ type: 'start', initialWeights: initial });
    const first = client.getWeights();
    const second = client.getWeights();
    const [a, b] = w.posted.slice(1);
    expect(a).toMatchObject({ type: 'get-weights' });
    expect(a!.requestId).not.toBe(b!.requestId);
    const set = packWeightSet([{ name: 'd/kernel', shape: [1], values: new Float32Array([5]) }]);
    w.emit({ type: 'weights', requestId: b!.requestId, runId: 'r1', weights: set });
    w.emit({ type: 'weights', requestId: a!.requestId, runId: 'r1', weights: null });
    expect(await second).toEqual({ runId: 'r1', weights: set });
    expect(await first).toEqual({ runId: 'r1', weights: null });
    // Answers are not run messages: listeners never see them.
    expect(received.some((m) => m.type === 'weights')).toBe(false);
  });

  it('settles pending requests when the worker crashes', async () => {
    const { client, workers } = setup();
    client.start(args);
    const pending = client.getWeights();
    workers[0]!.crash();
    expect(await pending).toEqual({ runId: null, weights: null });
  });
});
