import { describe, expect, it } from 'vitest';
import type { Trainer } from '../../../src/runtime/trainer';
import { PROTOCOL_VERSION, type FromTrainer } from '../../../src/training/protocol';
import {
  harness,
  ofType,
  reportedSteps,
  startMsg,
  toyConvPlan,
  toyPlan,
  toySource,
} from '../../helpers/trainer-harness';

/** Delivers a message on a later macrotask, as a worker's message event would. */
const later = (trainer: Trainer, msg: unknown): void => void setTimeout(() => void trainer.handle(msg), 0);

/** Resolves once `pred` holds for the collected messages. */
async function until(messages: FromTrainer[], pred: (m: FromTrainer[]) => boolean): Promise<void> {
  while (!pred(messages)) {
    if (messages.some((m) => m.type === 'finished' || m.type === 'failed'))
      throw new Error('the run ended first');
    await new Promise((r) => setTimeout(r, 2));
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('Trainer messages', () => {
  it('posts ready, started, coalesced batches, epoch, checkpoint and finished, all tagged', async () => {
    const { trainer, messages } = harness(toySource(2048, 64));
    trainer.announce();
    await trainer.handle(startMsg(toyConvPlan(), { config: { batchSize: 16, epochs: 2 } }));
    const types = messages.map((m) => m.type);
    expect(types[0]).toBe('ready');
    expect(messages[0]).toEqual({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
    expect(types[1]).toBe('started');
    expect(types.at(-1)).toBe('finished');
    expect(ofType(messages, 'finished')[0]!.reason).toBe('completed');
    // Per epoch: batches..., then epoch, then checkpoint (statistics have their own test).
    const shape = types
      .slice(2, -1)
      .filter((t) => t !== 'layer-stats' && t !== 'finding')
      .join(',')
      .replace(/(batches,)*batches/g, 'B');
    expect(shape).toBe('B,epoch,checkpoint,B,epoch,checkpoint');
    for (const m of messages.slice(1)) expect((m as { runId: string }).runId).toBe('run-1');
    // 128 steps per epoch: every one reported exactly once, in order, in fewer messages.
    expect(reportedSteps(messages)).toEqual(range(256));
    const batches = ofType(messages, 'batches');
    expect(batches.length).toBeLessThan(256);
    for (const b of batches) {
      expect(b.losses).toBeInstanceOf(Float32Array);
      expect(b.steps.length).toBe(b.losses.length);
      expect(b.accuracies.length).toBe(b.losses.length);
      expect(b.examplesPerSec).toBeGreaterThan(0);
      expect(b.batchInEpoch).toBe(b.steps.at(-1)! - (b.epoch - 1) * 128);
    }
    const [e1] = ofType(messages, 'epoch');
    expect(e1!.train.loss).toBeGreaterThan(0);
    expect(e1!.test.trainingMode).not.toBeNull();
  }, 60_000);

  it('stops within one batch of a stop message', async () => {
    let lastSeen = -1;
    const { trainer, messages } = harness(toySource(4096, 32), (msg, t) => {
      if (msg.type === 'batches' && lastSeen < 0) {
        lastSeen = msg.steps.at(-1)!;
        later(t, { type: 'stop', runId: 'run-1' });
      }
    });
    await trainer.handle(startMsg(toyConvPlan(), { config: { batchSize: 16 } }));
    const steps = reportedSteps(messages);
    expect(steps).toEqual(range(steps.length));
    expect(steps.length).toBeLessThanOrEqual(lastSeen + 1);
    expect(ofType(messages, 'epoch')).toEqual([]);
    expect(messages.at(-1)).toEqual({ type: 'finished', runId: 'run-1', reason: 'stopped' });
  }, 60_000);

  it('pauses, runs exactly one batch per step, and resumes', async () => {
    const { trainer, messages } = harness(toySource(2048, 32), (msg, t) => {
      if (msg.type === 'batches' && ofType(messages, 'batches').length === 1)
        later(t, { type: 'pause', runId: 'run-1' });
    });
    const done = trainer.handle(startMsg(toyConvPlan(), { config: { batchSize: 16 } }));
    await until(messages, (m) => ofType(m, 'paused').length === 1);
    expect(ofType(messages, 'paused')[0]!.paused).toBe(true);
    const atPause = reportedSteps(messages).length;
    await new Promise((r) => setTimeout(r, 30));
    expect(reportedSteps(messages).length).toBe(atPause);
    for (const k of [1, 2]) {
      await trainer.handle({ type: 'step', runId: 'run-1' });
      await until(messages, (m) => reportedSteps(m).length === atPause + k);
      await new Promise((r) => setTimeout(r, 20));
      expect(reportedSteps(messages).length).toBe(atPause + k);
    }
    await trainer.handle({ type: 'resume', runId: 'run-1' });
    await done;
    expect(ofType(messages, 'paused').map((m) => m.paused)).toEqual([true, false]);
    expect(reportedSteps(messages)).toEqual(range(128));
    expect(messages.at(-1)).toMatchObject({ type: 'finished', reason: 'completed' });
  }, 60_000);

  it('answers a malformed message with failed and ignores other runs', async () => {
    const { trainer, messages } = harness(toySource(64, 16));
    await trainer.handle({ type: 'start', runId: 'x' });
    await trainer.handle(null);
    expect(ofType(messages, 'failed').map((m) => [m.runId, m.diagnostic.code])).toEqual([
      ['x', 'train/bad-message'],
      ['', 'train/bad-message'],
    ]);
    expect(ofType(messages, 'failed')[0]!.diagnostic.message).toMatch(/plan/);
    // The text comes as a catalog key and values too, so a UI can show it in its language.
    expect(ofType(messages, 'failed')[0]!.diagnostic).toMatchObject({
      key: 'bad-message',
      values: { error: expect.stringMatching(/plan/) },
    });
    const run = trainer.handle(
      startMsg(toyPlan([['flatten'], ['dense', { units: 3 }]]), { config: { batchSize: 8 } }),
    );
    await trainer.handle({ type: 'stop', runId: 'someone-else' });
    await trainer.handle({ type: 'set-lr', runId: 'someone-else', lr: 1e9 });
    await run;
    expect(messages.at(-1)).toMatchObject({ type: 'finished', runId: 'run-1', reason: 'completed' });
    expect(reportedSteps(messages)).toEqual(range(8));
  }, 60_000);

  it('caps steps with maxSteps and reports the limit', async () => {
    const { trainer, messages } = harness(toySource(256, 16));
    await trainer.handle(
      startMsg(toyConvPlan(), { config: { batchSize: 16, epochs: 3 }, limits: { maxSteps: 20 } }),
    );
    expect(reportedSteps(messages)).toEqual(range(20));
    // The cut epoch is still evaluated, so the run ends with figures.
    expect(ofType(messages, 'epoch').map((m) => m.epoch)).toEqual([1, 2]);
    expect(messages.at(-1)).toMatchObject({ type: 'finished', reason: 'limit' });
  }, 60_000);

  it('a diverging run fails with train/non-finite naming the step', async () => {
    const { trainer, messages } = harness(toySource(512, 16), (msg, t) => {
      if (msg.type === 'started') later(t, { type: 'set-lr', runId: 'run-1', lr: 1e30 });
    });
    const plan = toyPlan([
      ['flatten'],
      ['dense', { units: 12, activation: 'relu' }],
      ['dense', { units: 3 }],
    ]);
    await trainer.handle(startMsg(plan, { config: { batchSize: 8, learningRate: 1 } }));
    const failed = ofType(messages, 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.diagnostic.code).toBe('train/non-finite');
    const step = Number(/at step (\d+)/.exec(failed[0]!.diagnostic.message)?.[1]);
    expect(step).toBeGreaterThan(0);
    expect(failed[0]!.diagnostic.key).toMatch(/^non-finite-/);
    expect(failed[0]!.diagnostic.values).toMatchObject({ step, epoch: 1 });
    // Every step before the bad one was reported; the bad one was not; nothing came after.
    expect(reportedSteps(messages)).toEqual(range(step - 1));
    expect(messages.at(-1)!.type).toBe('failed');
  }, 60_000);

  it('reports a plan that does not fit the data as train/data, and a broken plan as train/plan', async () => {
    const { trainer, messages } = harness(toySource(64, 16));
    const plan = toyPlan([['flatten'], ['dense', { units: 3 }]]);
    await trainer.handle(startMsg({ ...plan, inputShape: [9, 9, 1] }, { runId: 'a' }));
    await trainer.handle(startMsg({ ...plan, nodes: [...plan.nodes].reverse() }, { runId: 'b' }));
    expect(ofType(messages, 'failed').map((m) => [m.runId, m.diagnostic.code])).toEqual([
      ['a', 'train/data'],
      ['b', 'train/plan'],
    ]);
    expect(ofType(messages, 'failed')[1]!.diagnostic).toMatchObject({ key: 'plan-invalid' });
  });
});
