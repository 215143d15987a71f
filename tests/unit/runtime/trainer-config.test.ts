import { describe, expect, it } from 'vitest';
import type { TrainingConfig } from '../../../src/graph/document';
import { harness, ofType, startMsg, toyConvPlan, toySource } from '../../helpers/trainer-harness';

async function run(config: Partial<TrainingConfig>, limits = {}) {
  const { trainer, messages } = harness(toySource(256, 16));
  await trainer.handle(
    startMsg(toyConvPlan(), { config: { batchSize: 32, ...config }, limits, stats: { enabled: false } }),
  );
  expect(ofType(messages, 'failed')).toEqual([]);
  return messages;
}

describe('training config in the trainer', () => {
  it('evaluates on a seeded validation split of the training set when asked', async () => {
    const split = await run({ validation: { kind: 'split', fraction: 0.25 } });
    expect(ofType(split, 'started')[0]!.batchesPerEpoch).toBe(6); // 192 training examples left
    expect(ofType(split, 'epoch')[0]).toMatchObject({ evaluatedOn: 'validation-split', heldOutExamples: 64 });
    const capped = await run({ validation: { kind: 'split', fraction: 0.25 } }, { maxTestExamples: 10 });
    expect(ofType(capped, 'epoch')[0]).toMatchObject({
      evaluatedOn: 'validation-split',
      heldOutExamples: 10,
    });
    const test = await run({});
    expect(ofType(test, 'started')[0]!.batchesPerEpoch).toBe(8);
    expect(ofType(test, 'epoch')[0]).toMatchObject({ evaluatedOn: 'test-set', heldOutExamples: 16 });
  });

  it.each([
    ['sgd', { optimizer: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 1e-4 }],
    ['adam', { optimizer: 'adam', learningRate: 0.01 }],
    ['adamw', { optimizer: 'adamw', learningRate: 0.01, weightDecay: 0.01 }],
    ['rmsprop', { optimizer: 'rmsprop', learningRate: 0.005, momentum: 0.5 }],
  ] as const)(
    '%s trains the toy net (loss falls over 3 epochs with a step schedule and warm-up)',
    async (_, opt) => {
      const messages = await run({
        epochs: 3,
        schedule: { kind: 'step', everyEpochs: 2, gamma: 0.5, warmupSteps: 4 },
        ...opt,
      });
      const losses = ofType(messages, 'epoch').map((m) => m.train.loss);
      expect(losses).toHaveLength(3);
      expect(losses[2]!).toBeLessThan(losses[0]!);
      expect(ofType(messages, 'checkpoint').at(-1)!.data!.manifest.optimizer.kind).toBe(opt.optimizer);
    },
  );
});
