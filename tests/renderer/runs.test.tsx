import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { runExperiment } from '../../renderer/state/experiment-runner';
import { createAppStores } from '../../renderer/state/create-stores';
import type { AppStores } from '../../renderer/state/stores';
import { RunsPanel } from '../../renderer/panels/RunsPanel';
import { runsByMetric } from '../../renderer/panels/runs-view';
import { moveLayers } from '../../src/graph/commands';
import type { FromTrainer } from '../../src/training/protocol';
import { lenet } from './doc-fixtures';
import { fakeTrainer, renderInApp, type FakeTrainer } from './render-app';

/** Stores whose training store hears the fake trainer, as StoresProvider wires it in the app. */
function setup(): { stores: AppStores; trainer: FakeTrainer } {
  const trainer = fakeTrainer();
  const stores = createAppStores(lenet(), trainer);
  trainer.subscribe((msg) => stores.training.getState().receive(msg));
  return { stores, trainer };
}

/** Plays a short run: started, 3 batches, one epoch, finished. */
function playRun(
  trainer: FakeTrainer,
  runId: string,
  testAccuracy: number,
  end: 'finished' | 'failed' = 'finished',
) {
  const msgs: FromTrainer[] = [
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
      test: {
        predictionMode: { loss: 1.2, accuracy: testAccuracy },
        trainingMode: { loss: 1.1, accuracy: 0.6 },
      },
      heldOutExamples: 512,
    },
    end === 'finished'
      ? { type: 'finished', runId, reason: 'completed' }
      : { type: 'failed', runId, diagnostic: { code: 'train/non-finite', message: 'NaN' } },
  ];
  msgs.forEach((m) => trainer.emit(m));
}

/** Starts a plain run through the stores as the Train button does (origin included). */
function begin(stores: AppStores, trainer: FakeTrainer): string {
  const doc = stores.document.getState().doc;
  const runId = trainer.start({
    plan: {} as never,
    config: doc.training,
    dataset: doc.dataset,
    limits: {} as never,
  });
  stores.training
    .getState()
    .begin(runId, doc.training, { project: 'p', planHash: 'h', config: doc.training, dataset: doc.dataset });
  return runId;
}

describe('run history', () => {
  it('records each ended run (finished or failed) outside the undo history', () => {
    const { stores, trainer } = setup();
    const docs = stores.document;
    docs.getState().apply((d) => moveLayers(d, new Map([[d.layers[0]!.id, { x: 5, y: 5 }]])));
    playRun(trainer, begin(stores, trainer), 0.7);
    const [run] = docs.getState().doc.runs;
    expect(run).toMatchObject({
      id: 'run-1',
      seq: 1,
      reason: 'completed',
      backend: 'wasm',
      heldOutExamples: 512,
      final: { loss: 1.9, accuracy: 0.3, testAccuracy: 0.7, testAccuracyTrainingMode: 0.6 },
      curves: { epoch: [1], testAccuracy: [0.7] },
    });
    expect(run!.batchCurves!.loss).toEqual([2.3, 1.9, 1.5]);
    playRun(trainer, begin(stores, trainer), 0.2, 'failed');
    expect(docs.getState().doc.runs.map((r) => [r.seq, r.reason, r.failure])).toEqual([
      [1, 'completed', undefined],
      [2, 'failed', 'NaN'],
    ]);
    // Undo takes back the move, not the runs; redo keeps them too.
    expect(docs.getState().undo()).toBe(true);
    expect(docs.getState().doc.runs).toHaveLength(2);
    expect(docs.getState().doc.layers[0]!.position).not.toEqual({ x: 5, y: 5 });
    expect(docs.getState().undo()).toBe(false);
    docs.getState().redo();
    expect(docs.getState().doc.runs).toHaveLength(2);
  });

  it('keeps no record of a run stopped before its first batch', () => {
    const { stores, trainer } = setup();
    begin(stores, trainer);
    stores.training.getState().stop();
    expect(stores.document.getState().doc.runs).toEqual([]);
  });
});

describe('one-click experiments', () => {
  it('with and without batch norm: two runs, same seed, BN-free plan second, overlay opened', async () => {
    const { stores, trainer } = setup();
    // Without a way to make more trainers the variants share the app's one, one at a time.
    const done = runExperiment(stores, { kind: 'batch-norm' }, 'exp-1');
    const statuses = () => stores.runs.getState().experiment?.variants.map((v) => v.status);
    expect(stores.runs.getState().experiment).toMatchObject({ kind: 'batch-norm', parallel: 1 });
    expect(statuses()).toEqual(['running', 'queued']);
    playRun(trainer, 'run-1', 0.8);
    await waitFor(() => expect(trainer.starts).toHaveLength(2));
    expect(statuses()).toEqual(['done', 'running']);
    playRun(trainer, 'run-2', 0.5);
    expect(await done).toEqual({ kind: 'done', runIds: ['run-1', 'run-2'] });
    const [a, b] = trainer.starts;
    const bnNodes = (p: unknown) =>
      (p as { nodes: { className: string }[] }).nodes.filter((n) => n.className === 'BatchNormalization');
    expect(bnNodes(a!.plan)).toHaveLength(4);
    expect(bnNodes(b!.plan)).toHaveLength(0);
    expect(b!.config.seed).toBe(a!.config.seed);
    const runs = stores.document.getState().doc.runs;
    expect(runs.map((r) => r.experiment)).toEqual([
      { id: 'exp-1', kind: 'batch-norm', variant: 'with-bn' },
      { id: 'exp-1', kind: 'batch-norm', variant: 'without-bn' },
    ]);
    expect(stores.runs.getState()).toMatchObject({
      selected: ['run-1', 'run-2'],
      tab: 'runs',
      experiment: null,
    });
    // The document itself still has its batch norm layers.
    expect(stores.document.getState().doc.layers.filter((l) => l.kind === 'batch-norm')).toHaveLength(4);
  });

  it('Stop during a learning-rate ladder ends the whole experiment', async () => {
    const { stores, trainer } = setup();
    const done = runExperiment(stores, { kind: 'lr-ladder', rates: [0.01, 0.1, 1] }, 'exp-2');
    expect(trainer.starts[0]!.config.learningRate).toBe(0.01);
    trainer.emit({
      type: 'started',
      runId: 'run-1',
      backend: 'wasm',
      reason: '',
      batchesPerEpoch: 3,
      epochs: 1,
    });
    stores.training.getState().stop();
    expect(await done).toEqual({ kind: 'stopped', runIds: ['run-1'] });
    expect(trainer.starts).toHaveLength(1);
    expect(stores.runs.getState().experiment).toBeNull();
  });
});

describe('Runs tab', () => {
  it('lists runs, overlays two picked ones, renames and deletes', () => {
    // StoresProvider (in renderInApp) feeds the fake trainer's messages to the training store.
    const { stores, trainer } = renderInApp(<RunsPanel />);
    expect(screen.getByText(/Every run you train is kept here/)).toBeTruthy();
    act(() => {
      playRun(trainer, begin(stores, trainer), 0.7);
      playRun(trainer, begin(stores, trainer), 0.75);
    });
    const table = screen.getByRole('table', { name: /Run history \(2\)/ });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pick Run 1' }));
    expect(screen.getByText(/Pick two or more runs/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pick Run 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show run data' }));
    const data = screen.getByRole('table', { name: 'Picked runs per epoch' });
    const rows = within(data)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['Run 1' + '11.90000.30000.70000.6000', 'Run 2' + '11.90000.30000.75000.6000']);

    fireEvent.click(screen.getByRole('button', { name: 'Rename Run 2' }));
    const name = screen.getByRole('textbox', { name: 'Name of Run 2' });
    fireEvent.change(name, { target: { value: 'faster' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(stores.document.getState().doc.runs[1]!.label).toBe('faster');
    expect(screen.getByRole('checkbox', { name: 'Pick faster' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete Run 1' }));
    expect(stores.document.getState().doc.runs.map((r) => r.label ?? r.seq)).toEqual(['faster']);
    expect(stores.runs.getState().selected).toEqual(['run-2']);
  });
});

describe('Runs overlay with regression runs', () => {
  afterEach(cleanup);
  /** Two classification runs played through the stores, the second then made a regression run (toy sine). */
  function mixed() {
    const app = renderInApp(<RunsPanel />);
    act(() => {
      playRun(app.trainer, begin(app.stores, app.trainer), 0.7);
      playRun(app.trainer, begin(app.stores, app.trainer), 0.25);
      app.stores.document
        .getState()
        .updateRuns((rs) =>
          rs.map((r, i) => (i === 1 ? { ...r, dataset: { kind: 'builtin', id: 'toy-sine' } } : r)),
        );
    });
    return app;
  }
  const charts = () => screen.getAllByRole('img').map((c) => c.getAttribute('aria-label'));

  it('draws accuracy and MAE on separate charts when the pick mixes the two kinds, and says why', () => {
    const { stores } = mixed();
    expect(runsByMetric(stores.document.getState().doc.runs)).toEqual([
      { metric: 'accuracy', indices: [0] },
      { metric: 'mae', indices: [1] },
    ]);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pick Run 1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pick Run 2' }));
    expect(charts()).toEqual([
      'Training loss per batch (picked runs)',
      'Test accuracy per epoch (picked runs; dashed: training mode)',
      expect.stringMatching(/^Test MAE per epoch/),
    ]);
    expect(screen.getByRole('note').textContent).toMatch(/mix classification and regression/);
    fireEvent.click(screen.getByRole('button', { name: 'Show run data' }));
    const rows = within(screen.getByRole('table', { name: 'Picked runs per epoch' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    // The regression run's figures are marked as MAE; the classification run's stay plain.
    expect(rows).toEqual([
      'Run 1' + '11.90000.30000.70000.6000',
      'Run 2' + '11.9000MAE 0.3000MAE 0.2500MAE 0.6000',
    ]);
  });

  it('gives regression-only picks an MAE chart and no accuracy chart', () => {
    const { stores, trainer } = mixed();
    act(() => {
      playRun(trainer, begin(stores, trainer), 0.4);
      stores.document
        .getState()
        .updateRuns((rs) =>
          rs.map((r, i) => (i === 2 ? { ...r, dataset: { kind: 'builtin', id: 'toy-line' } } : r)),
        );
    });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pick Run 2' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pick Run 3' }));
    expect(charts()).toEqual([
      'Training loss per batch (picked runs)',
      expect.stringMatching(/^Test MAE per epoch/),
    ]);
    expect(screen.queryByRole('note')).toBeNull();
  });
});
