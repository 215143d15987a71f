import { describe, expect, it } from 'vitest';
import { packWeightSet } from '../../../src/compiler/tfjs-weights';
import { fakeClient, toyStartArgs } from '../../helpers/fake-worker';

const setup = () => fakeClient(() => 'r1');
const args = toyStartArgs;

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
