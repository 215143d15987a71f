import { describe, expect, it } from 'vitest';
import { createTrainingClient } from '../../../renderer/workers/training-client';
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

describe('training client: view requests', () => {
  it('answers before any worker with view-failed, then routes answers by request id only', async () => {
    const { client, workers, received } = setup();
    expect(
      await client.view({ type: 'evaluate', runId: 'r1', mode: 'predict', maxExamples: 5 }),
    ).toMatchObject({
      type: 'view-failed',
      code: 'view/no-run',
    });
    client.start(args);
    const w = workers[0]!;
    const a = client.view({ type: 'feature-maps', runId: 'r1', nodeId: 'l1', example: 0 });
    const b = client.view({ type: 'predict-image', runId: 'r1', pixels: new Float32Array(4) });
    const [qa, qb] = w.posted.slice(1) as { type: string; requestId: string }[];
    expect([qa!.type, qb!.type]).toEqual(['feature-maps', 'predict-image']);
    const probabilities = new Float32Array([0.25, 0.75]);
    w.emit({ type: 'image-prediction', requestId: qb!.requestId, runId: 'r1', probabilities });
    w.emit({
      type: 'view-failed',
      requestId: qa!.requestId,
      runId: 'r1',
      code: 'view/bad-request',
      message: 'no maps',
    });
    expect(await b).toEqual({
      type: 'image-prediction',
      requestId: qb!.requestId,
      runId: 'r1',
      probabilities,
    });
    expect(await a).toMatchObject({ type: 'view-failed', message: 'no maps' });
    // Answers never reach run listeners.
    expect(received.filter((m) => m.type === 'image-prediction' || m.type === 'view-failed')).toEqual([]);
  });

  it('settles pending view requests when the worker crashes', async () => {
    const { client, workers } = setup();
    client.start(args);
    const pending = client.view({ type: 'evaluate', runId: 'r1', mode: 'batch-stats', maxExamples: 5 });
    workers[0]!.crash();
    expect(await pending).toMatchObject({ type: 'view-failed' });
  });
});
