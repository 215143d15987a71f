import { describe, expect, it } from 'vitest';
import type { TrainingConfig } from '../../../src/graph/document';
import { planHash } from '../../../src/compiler/plan-hash';
import { decodeRunCheckpoint, encodeRunCheckpoint } from '../../../src/training/checkpoint-record';
import type { Checkpoint } from '../../../src/training/protocol';
import {
  harness,
  lastCheckpoint,
  ofType,
  reportedSteps,
  startMsg,
  toyConvPlan,
  TOY_REF,
  toySource,
} from '../../helpers/trainer-harness';

const CONFIG: Partial<TrainingConfig> = {
  batchSize: 16,
  epochs: 4,
  optimizer: 'adam',
  learningRate: 0.01,
  schedule: { kind: 'cosine', warmupSteps: 3 },
};

async function train(opts: Parameters<typeof startMsg>[1]) {
  const { trainer, messages } = harness(toySource(64, 16));
  await trainer.handle(startMsg(toyConvPlan(), { config: CONFIG, stats: { enabled: false }, ...opts }));
  expect(ofType(messages, 'failed')).toEqual([]);
  return messages;
}

const floats = (c: Checkpoint) => new Float32Array(c.buffer);

describe('resuming from a stored checkpoint (bytes written, app restarted, bytes read back)', () => {
  it('2 + 2 epochs through the stored bytes give the weights of 4 within 1e-5', async () => {
    const full = await train({});
    const first = await train({ limits: { maxEpochs: 2 } });
    const plan = toyConvPlan();
    const start = startMsg(plan, { config: CONFIG });
    const bytes = encodeRunCheckpoint({
      project: 'untitled:toy',
      runId: 'run-1',
      epoch: 2,
      epochs: 4,
      config: start.config,
      dataset: TOY_REF,
      planHash: planHash(plan),
      metrics: [],
      checkpoint: lastCheckpoint(first),
    });
    const stored = decodeRunCheckpoint(bytes.slice());
    if (!stored.ok) throw new Error(stored.error);
    expect(stored.value.planHash).toBe(planHash(toyConvPlan()));
    const second = await train({
      runId: 'run-2',
      config: stored.value.config,
      resume: stored.value.checkpoint,
    });
    expect(ofType(second, 'started')[0]!.resumed).toEqual({ epoch: 3, step: 8 });
    expect(ofType(second, 'epoch').map((m) => m.epoch)).toEqual([3, 4]);
    expect(reportedSteps(second)[0]).toBe(9);
    const a = floats(lastCheckpoint(second));
    const b = floats(lastCheckpoint(full));
    expect(a.length).toBe(b.length);
    let diff = 0;
    a.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - b[i]!))));
    expect(diff).toBeLessThanOrEqual(1e-5);
  }, 60_000);
});
