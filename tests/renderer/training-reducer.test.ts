import { describe, expect, it } from 'vitest';
import { batchRows } from '../../renderer/charts/chart-data';
import { createRing, pushRing, ringLast, ringValues } from '../../src/training/ring-buffer';
import {
  beginRun,
  initialTrainingState,
  reduceTrainer,
  stopRun,
  type TrainingState,
} from '../../renderer/state/training-reducer';
import type { FromTrainer } from '../../src/training/protocol';

const started = (runId: string): FromTrainer => ({
  type: 'started',
  runId,
  backend: 'wasm',
  reason: 'wasm backend ready',
  batchesPerEpoch: 16,
  epochs: 2,
});

function batches(runId: string, from: number, n: number, epoch = 1): FromTrainer {
  const steps = Uint32Array.from({ length: n }, (_, i) => from + i);
  return {
    type: 'batches',
    runId,
    epoch,
    steps,
    losses: Float32Array.from(steps, (s) => 2 / s),
    accuracies: Float32Array.from(steps, (s) => Math.min(1, s / 100)),
    batchInEpoch: ((from + n - 2) % 16) + 1,
    examplesPerSec: 400,
  };
}

const run = (capacity = 100): TrainingState =>
  reduceTrainer(beginRun(initialTrainingState(capacity), 'r1', { epochs: 2, batchSize: 64 }), started('r1'));

describe('ring buffer', () => {
  it('keeps the newest values up to its capacity', () => {
    const r = createRing(3);
    for (const v of [1, 2, 3, 4, 5]) pushRing(r, v);
    expect(Array.from(ringValues(r))).toEqual([3, 4, 5]);
    expect(Array.from(ringValues(r, 2))).toEqual([4, 5]);
    expect(ringLast(r)).toBe(5);
    expect(r.total).toBe(5);
  });
});

describe('training reducer', () => {
  it('starts a run and records backend, reason and plan size', () => {
    const s = run();
    expect(s).toMatchObject({
      phase: 'running',
      backend: 'wasm',
      batchesPerEpoch: 16,
      epochs: 2,
      batchSize: 64,
    });
  });

  it('appends batches and keeps the series bounded', () => {
    let s = run(50);
    for (let from = 1; from <= 120; from += 10) s = reduceTrainer(s, batches('r1', from, 10));
    expect(s.batches.step.length).toBe(50);
    expect(s.batches.loss.length).toBe(50);
    expect(s.step).toBe(120);
    const rows = batchRows(s.batches, 20);
    expect(rows).toHaveLength(20);
    expect(rows[0]!.step).toBe(101);
    expect(rows[19]).toMatchObject({ step: 120, epoch: 1 });
    expect(rows.every((r) => Number.isFinite(r.loss) && Number.isFinite(r.accuracy))).toBe(true);
  });

  it('ignores messages of another run and ready messages', () => {
    const s = run();
    expect(reduceTrainer(s, batches('old-run', 1, 5))).toBe(s);
    expect(reduceTrainer(s, { type: 'finished', runId: 'old-run', reason: 'stopped' })).toBe(s);
    expect(reduceTrainer(s, { type: 'ready', protocolVersion: 1 })).toBe(s);
  });

  it('drops the previous run when a new one begins', () => {
    let s = reduceTrainer(run(), batches('r1', 1, 5));
    s = beginRun(s, 'r2', { epochs: 1, batchSize: 32 });
    expect(s.batches.step.length).toBe(0);
    expect(s.phase).toBe('starting');
    expect(reduceTrainer(s, batches('r1', 6, 5))).toBe(s);
  });

  it('follows pause, epoch results and the end of the run', () => {
    let s = reduceTrainer(run(), batches('r1', 1, 16));
    s = reduceTrainer(s, { type: 'paused', runId: 'r1', paused: true });
    expect(s.phase).toBe('paused');
    s = reduceTrainer(s, { type: 'paused', runId: 'r1', paused: false });
    const test = {
      predictionMode: { loss: 0.6, accuracy: 0.78 },
      trainingMode: { loss: 0.5, accuracy: 0.8 },
    };
    s = reduceTrainer(s, {
      type: 'epoch',
      runId: 'r1',
      epoch: 1,
      train: { loss: 0.7, accuracy: 0.75 },
      test,
    });
    expect(s.epochRows).toEqual([
      {
        epoch: 1,
        step: 16,
        train: { loss: 0.7, accuracy: 0.75 },
        test: test.predictionMode,
        testTrainingMode: test.trainingMode,
      },
    ]);
    s = reduceTrainer(s, { type: 'finished', runId: 'r1', reason: 'completed' });
    expect(s).toMatchObject({ phase: 'finished', finishReason: 'completed' });
    expect(reduceTrainer(s, batches('r1', 17, 1))).toBe(s);
  });

  it('ends the run at once on Stop and ignores what the worker still sends', () => {
    let s = stopRun(reduceTrainer(run(), batches('r1', 1, 4)));
    expect(s).toMatchObject({ phase: 'finished', finishReason: 'stopped' });
    const after = reduceTrainer(s, batches('r1', 5, 4));
    expect(after).toBe(s);
    s = reduceTrainer(run(), {
      type: 'failed',
      runId: 'r1',
      diagnostic: { code: 'train/non-finite', message: 'NaN' },
    });
    expect(s).toMatchObject({ phase: 'failed', failure: { message: 'NaN' } });
  });

  it('bumps the version on every change', () => {
    const s = run();
    const t = reduceTrainer(s, batches('r1', 1, 2));
    expect(t.version).toBeGreaterThan(s.version);
  });
});
