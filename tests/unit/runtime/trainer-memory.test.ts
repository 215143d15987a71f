import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { harness, ofType, startMsg, toyConvPlan, toySource } from '../../helpers/trainer-harness';

describe('Trainer resources and repeatability', () => {
  it('keeps the tensor count flat across epochs and frees everything at the end', async () => {
    const counts: number[] = [];
    const { trainer, messages } = harness(toySource(96, 40), (msg) => {
      if (msg.type === 'epoch') counts.push(tf.memory().numTensors);
    });
    await trainer.handle(startMsg(toyConvPlan(), { config: { batchSize: 16, epochs: 1 } }));
    const before = tf.memory().numTensors;
    await trainer.handle(startMsg(toyConvPlan(), { runId: 'run-2', config: { batchSize: 16, epochs: 3 } }));
    expect(ofType(messages, 'failed')).toEqual([]);
    expect(counts).toHaveLength(4);
    const [, first, second, third] = counts;
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

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
