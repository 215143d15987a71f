import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../renderer/state/create-stores';
import { runExperiment } from '../../renderer/state/experiment-runner';
import type { AppStores } from '../../renderer/state/stores';
import type { FromTrainer } from '../../src/training/protocol';
import { lenet } from './doc-fixtures';
import { fakeTrainer, type FakeTrainer } from './render-app';

/** Stores with the app's trainer and a factory of further fake trainers (each variant's own worker). */
function setup(): { stores: AppStores; main: FakeTrainer; spawned: FakeTrainer[]; threads: number[] } {
  const main = fakeTrainer();
  const spawned: FakeTrainer[] = [];
  const threads: number[] = [];
  // Run ids are unique across workers in the app (UUIDs): w1-run-1, w2-run-1, ...
  const spawn = (wasmThreads: number) => {
    threads.push(wasmThreads);
    const t = fakeTrainer();
    const start = t.start.bind(t);
    const prefix = `w${spawned.length + 1}-`;
    t.start = (run) => prefix + start(run);
    spawned.push(t);
    return t;
  };
  const stores = createAppStores(lenet(), main, undefined, spawn);
  main.subscribe((msg) => stores.training.getState().receive(msg));
  return { stores, main, spawned, threads };
}

/** The messages of a short run: started, 3 batches, one epoch, then finished or failed. */
function runMessages(runId: string, end: 'finished' | 'failed'): FromTrainer[] {
  return [
    { type: 'started', runId, backend: 'wasm', reason: '', batchesPerEpoch: 3, epochs: 1 },
    {
      type: 'batches',
      runId,
      epoch: 1,
      steps: Uint32Array.from([1, 2, 3]),
      losses: Float32Array.from([2.3, 1.9, 1.5]),
      accuracies: Float32Array.from([0.1, 0.3, 0.5]),
      batchInEpoch: 3,
      examplesPerSec: 100,
    },
    {
      type: 'epoch',
      runId,
      epoch: 1,
      train: { loss: 1.9, accuracy: 0.3 },
      test: { predictionMode: { loss: 1.2, accuracy: 0.7 }, trainingMode: { loss: 1.1, accuracy: 0.6 } },
      heldOutExamples: 512,
    },
    end === 'finished'
      ? { type: 'finished', runId, reason: 'completed' }
      : { type: 'failed', runId, diagnostic: { code: 'train/worker-crashed', message: 'out of memory' } },
  ];
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const statuses = (stores: AppStores) => stores.runs.getState().experiment?.variants.map((v) => v.status);

describe('experiments on several cores', () => {
  it('trains both batch-norm variants at once, each in its own trainer, numbered in variant order', async () => {
    const { stores, main, spawned } = setup();
    const done = runExperiment(stores, { kind: 'batch-norm' }, 'exp-p', { cores: 2 });
    expect(main.starts).toHaveLength(1);
    expect(spawned).toHaveLength(1);
    expect(spawned[0]!.starts).toHaveLength(1);
    expect(stores.runs.getState().experiment).toMatchObject({ parallel: 2 });
    expect(statuses(stores)).toEqual(['running', 'running']);
    // The app's own trainer takes the last variant (no batch norm), as one at a time would.
    expect(main.starts[0]!.plan.nodes.some((n) => n.className === 'BatchNormalization')).toBe(false);
    // The first variant (in its own worker) ends; the worker goes, the other run goes on.
    runMessages('w1-run-1', 'finished').forEach((m) => spawned[0]!.emit(m));
    expect(spawned[0]!.calls).toContain('dispose');
    await tick();
    expect(statuses(stores)).toEqual(['done', 'running']);
    runMessages('run-1', 'finished').forEach((m) => main.emit(m));
    const end = await done;
    expect(end.kind).toBe('done');
    const runs = stores.document.getState().doc.runs;
    expect(runs.map((r) => [r.seq, r.experiment?.variant])).toEqual(
      expect.arrayContaining([
        [1, 'with-bn'],
        [2, 'without-bn'],
      ]),
    );
    expect(runs.find((r) => r.experiment?.variant === 'without-bn')).toMatchObject({
      heldOutExamples: 512,
      final: { testAccuracy: 0.7 },
    });
    expect(stores.runs.getState()).toMatchObject({ tab: 'runs', experiment: null });
    expect(stores.runs.getState().selected).toHaveLength(2);
  });

  it('a failed variant is named and the others go on', async () => {
    const { stores, main, spawned } = setup();
    const done = runExperiment(stores, { kind: 'seeds', seeds: [1, 2, 3] }, 'exp-f', {
      cores: 2,
      label: (_v, config) => `seed ${config.seed}`,
    });
    // More variants than slots: the app's trainer takes the first, a worker of its own the second.
    expect(main.starts.map((r) => r.config.seed)).toEqual([1]);
    expect(spawned.map((t) => t.starts[0]!.config.seed)).toEqual([2]);
    runMessages('w1-run-1', 'failed').forEach((m) => spawned[0]!.emit(m));
    await tick();
    expect(stores.session.getState().notice).toMatchObject({
      key: 'ui.experiment.variantFailed',
      values: { name: 'seed 2', message: 'out of memory' },
    });
    // The freed slot went to the third seed (another worker); the first still trains.
    expect(spawned.map((t) => t.starts[0]!.config.seed)).toEqual([2, 3]);
    expect(statuses(stores)).toEqual(['running', 'failed', 'running']);
    runMessages('w2-run-1', 'finished').forEach((m) => spawned[1]!.emit(m));
    runMessages('run-1', 'finished').forEach((m) => main.emit(m));
    expect((await done).kind).toBe('done');
    const reasons = stores.document.getState().doc.runs.map((r) => r.reason);
    expect(reasons.sort()).toEqual(['completed', 'completed', 'failed']);
  });

  it("extra workers share the cores the app's own worker leaves", async () => {
    const { stores, spawned, threads } = setup();
    const done = runExperiment(stores, { kind: 'batch-norm' }, 'exp-t', { cores: 8 });
    expect(spawned).toHaveLength(1);
    expect(threads).toEqual([4]);
    stores.runs.getState().cancelExperiment();
    await done;
    const more = runExperiment(stores, { kind: 'seeds', seeds: [1, 2, 3, 4, 5] }, 'exp-u', { cores: 8 });
    expect(stores.runs.getState().experiment?.parallel).toBe(4);
    // Four at once on eight cores: the app's worker keeps four threads, the three others one each.
    expect(threads.slice(1)).toEqual([0, 0, 0]);
    stores.runs.getState().cancelExperiment();
    await more;
  });

  it('Cancel stops every variant; "one at a time" keeps them on one trainer', async () => {
    const { stores, main, spawned } = setup();
    const done = runExperiment(stores, { kind: 'lr-ladder', rates: [0.1, 1, 10] }, 'exp-c', { cores: 4 });
    expect(spawned).toHaveLength(2);
    stores.runs.getState().cancelExperiment();
    expect((await done).kind).toBe('stopped');
    expect(main.calls).toContain('stop');
    expect(spawned.every((t) => t.calls.includes('stop') && t.calls.includes('dispose'))).toBe(true);

    stores.runs.getState().setSequential(true);
    const again = runExperiment(stores, { kind: 'batch-norm' }, 'exp-s', { cores: 4 });
    expect(spawned).toHaveLength(2);
    expect(stores.runs.getState().experiment).toMatchObject({ parallel: 1 });
    stores.runs.getState().cancelExperiment();
    expect((await again).kind).toBe('stopped');
  });
});
