import { describe, expect, it } from 'vitest';
import { fakeClient, toyStartArgs } from '../../helpers/fake-worker';

const setup = () => fakeClient(() => 'r1');
const args = toyStartArgs;

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
