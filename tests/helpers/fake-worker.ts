import { createTrainingClient } from '../../renderer/workers/training-client';
import { DEFAULT_TRAINING } from '../../src/graph/document';
import type { FromTrainer } from '../../src/training/protocol';
import { toyPlan, TOY_REF } from './trainer-harness';

/** A message the client posted to its worker. */
export type Posted = { type: string; requestId?: string; initialWeights?: unknown } & Record<string, unknown>;

/** A stand-in for a Worker: records posted messages and lets the test answer or raise events. */
export class FakeWorker {
  posted: Posted[] = [];
  terminated = false;
  private handlers = new Map<string, ((e: unknown) => void)[]>();
  addEventListener(type: string, fn: (e: unknown) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]);
  }
  removeEventListener(): void {}
  postMessage(msg: Posted): void {
    this.posted.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(data: unknown): void {
    for (const fn of this.handlers.get('message') ?? []) fn({ data });
  }
  crash(message = 'boom'): void {
    for (const fn of this.handlers.get('error') ?? []) fn({ message, preventDefault() {} });
  }
}

/**
 * A training client over fake workers, with what it sent them and what it reported.
 * Run ids are r1, r2, ... unless `newRunId` says otherwise.
 */
export function fakeClient(newRunId?: () => string) {
  const workers: FakeWorker[] = [];
  let n = 0;
  const client = createTrainingClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    newRunId: newRunId ?? (() => `r${++n}`),
  });
  const received: FromTrainer[] = [];
  client.subscribe((m) => received.push(m));
  return { client, workers, received };
}

/** Start arguments of a small dense model on the toy dataset. */
export const toyStartArgs = {
  plan: toyPlan([['flatten'], ['dense', { units: 3 }]]),
  config: DEFAULT_TRAINING,
  dataset: TOY_REF,
  limits: { maxExamples: 10, maxEpochs: 1, maxSteps: null, maxTestExamples: null },
};
