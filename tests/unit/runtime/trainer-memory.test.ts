import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { harness, ofType, startMsg, toyConvPlan, toySource } from '../../helpers/trainer-harness';

describe('Trainer resources and repeatability', () => {
  it.each([
    ['on', { enabled: true, everySteps: 1 }],
    ['off', { enabled: false }],
  ])(
    'keeps the tensor count flat across epochs and frees everything at the end (stats %s)',
    async (_, stats) => {
      const counts: number[] = [];
      const { trainer, messages } = harness(toySource(96, 40), (msg) => {
        if (msg.type === 'epoch') counts.push(tf.memory().numTensors);
      });
      // Momentum, so the optimizer holds state too.
      const config = { batchSize: 16, momentum: 0.9 };
      await trainer.handle(startMsg(toyConvPlan(), { config: { ...config, epochs: 1 }, stats }));
      const before = tf.memory().numTensors;
      await trainer.handle(
        startMsg(toyConvPlan(), { runId: 'run-2', config: { ...config, epochs: 3 }, stats }),
      );
      expect(ofType(messages, 'layer-stats').length > 0).toBe(stats.enabled);
      expect(ofType(messages, 'failed')).toEqual([]);
      expect(counts).toHaveLength(4);
      const [, first, second, third] = counts;
      expect(second).toBe(first);
      expect(third).toBe(first);
      expect(tf.memory().numTensors).toBe(before);
    },
    60_000,
  );

  it('repeats the exact loss sequence for the same seed, and not for another', async () => {
    const losses = async (seed: number): Promise<number[]> => {
      const { trainer, messages } = harness(toySource(160, 16));
      await trainer.handle(startMsg(toyConvPlan(), { config: { batchSize: 16, epochs: 2, seed } }));
      return ofType(messages, 'batches').flatMap((m) => Array.from(m.losses));
    };
    const a = await losses(3);
    expect(a).toHaveLength(20);
    expect(await losses(3)).toEqual(a);
    expect(await losses(4)).not.toEqual(a);
  }, 60_000);
});
