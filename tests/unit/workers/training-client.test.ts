import { describe, expect, it } from 'vitest';
import type { TrainingClient } from '../../../renderer/workers/training-client';
import type { TrainerPort } from '../../../renderer/state/trainer-port';
import { DEFAULT_TRAINING } from '../../../src/graph/document';
import { fakeClient, toyStartArgs } from '../../helpers/fake-worker';

// The client must satisfy the port the UI is written against.
const asPort = (c: TrainingClient): TrainerPort => c;

const setup = () => fakeClient();
const args = toyStartArgs;

describe('training client', () => {
  it('starts runs with fresh ids and sends controls for the current run', () => {
    const { client, workers } = setup();
    asPort(client);
    expect(workers).toHaveLength(0);
    expect(client.start(args)).toBe('r1');
    client.pause();
    client.step();
    client.setLearningRate(0.5);
    client.resume();
    client.stop();
    expect(client.start({ ...args, backend: 'cpu' })).toBe('r2');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted).toEqual([
      { type: 'start', runId: 'r1', ...args, backend: 'auto' },
      { type: 'pause', runId: 'r1' },
      { type: 'step', runId: 'r1' },
      { type: 'set-lr', runId: 'r1', lr: 0.5 },
      { type: 'resume', runId: 'r1' },
      { type: 'stop', runId: 'r1' },
      { type: 'start', runId: 'r2', ...args, backend: 'cpu' },
    ]);
  });

  it('asks for the backend chosen in the training settings unless the caller names one', () => {
    const { client, workers } = setup();
    const chosen = { ...args, config: { ...DEFAULT_TRAINING, backend: 'webgl' as const } };
    client.start(chosen);
    client.start({ ...chosen, backend: 'cpu' });
    const starts = workers[0]!.posted.map((m) => (m as { backend?: string }).backend);
    expect(starts).toEqual(['webgl', 'cpu']);
  });

  it('passes ready and the current run, drops stale runs and malformed messages', () => {
    const { client, workers, received } = setup();
    client.start(args);
    client.start(args);
    const w = workers[0]!;
    w.emit({ type: 'ready', protocolVersion: 1 });
    w.emit({ type: 'finished', runId: 'r1', reason: 'stopped' });
    w.emit({ type: 'started', runId: 'r2', backend: 'wasm', reason: 'x', batchesPerEpoch: 1, epochs: 1 });
    w.emit({ type: 'nonsense', runId: 'r2' });
    w.emit({ type: 'finished' });
    w.emit('text');
    expect(received.map((m) => m.type)).toEqual(['ready', 'started']);
  });

  it('turns a worker crash into failed for the running run and recreates the worker on the next start', () => {
    const { client, workers, received } = setup();
    client.start(args);
    workers[0]!.crash('out of memory');
    expect(workers[0]!.terminated).toBe(true);
    expect(received).toEqual([
      {
        type: 'failed',
        runId: 'r1',
        diagnostic: {
          code: 'train/worker-crashed',
          message: expect.stringMatching(/ran out of memory and stopped \(out of memory\)/),
          key: 'worker-out-of-memory',
          values: { error: 'out of memory' },
        },
      },
    ]);
    // Controls with no worker are dropped rather than throwing.
    client.stop();
    client.start(args);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.posted).toEqual([expect.objectContaining({ type: 'start', runId: 'r2' })]);
  });

  it('reports no crash for a run that already ended, and unsubscribes and disposes', () => {
    const { client, workers, received } = setup();
    const seen: string[] = [];
    const off = client.subscribe((m) => seen.push(m.type));
    client.start(args);
    workers[0]!.emit({ type: 'finished', runId: 'r1', reason: 'completed' });
    off();
    workers[0]!.crash('later');
    expect(received.map((m) => m.type)).toEqual(['finished']);
    expect(seen).toEqual(['finished']);
    client.start(args);
    client.dispose();
    expect(workers[1]!.terminated).toBe(true);
  });
});
