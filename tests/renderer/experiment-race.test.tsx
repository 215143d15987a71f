import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { mergeSeries } from '../../renderer/charts/race-data';
import { createI18n } from '../../renderer/i18n';
import { RunsPanel } from '../../renderer/panels/RunsPanel';
import { createAppStores } from '../../renderer/state/create-stores';
import { createRunsViewStore } from '../../renderer/state/runs-view-store';
import { initialTrainingState } from '../../renderer/state/training-reducer';
import { runExperiment } from '../../renderer/state/experiment-runner';
import { StoresProvider } from '../../renderer/state/stores';
import { fakeClient, type FakeWorker } from '../helpers/fake-worker';
import { lenet } from './doc-fixtures';

const LOSS = 'Training loss per batch (smoothed), live';
const ACC = 'Test accuracy per epoch, live';

/** The app's own trainer and every further trainer an experiment makes, all over fake workers. */
function setup() {
  const main = fakeClient(() => `main-${Math.random().toString(36).slice(2)}`);
  const spawned: ReturnType<typeof fakeClient>[] = [];
  const spawn = () => {
    const k = spawned.length + 1;
    const c = fakeClient(() => `w${k}-run`);
    spawned.push(c);
    return c.client;
  };
  const stores = createAppStores(lenet(), main.client, undefined, spawn);
  // StoresProvider feeds the app's trainer's messages to the training store.
  render(
    <I18nextProvider i18n={createI18n()}>
      <StoresProvider stores={stores}>
        <RunsPanel />
      </StoresProvider>
    </I18nextProvider>,
  );
  return { stores, main, spawned };
}

/** The run id a fake worker was asked to start. */
const runIdOf = (w: FakeWorker): string => String(w.posted.find((m) => m.type === 'start')!.runId);

function started(w: FakeWorker): void {
  w.emit({ type: 'started', runId: runIdOf(w), backend: 'wasm', reason: '', batchesPerEpoch: 4, epochs: 1 });
}

function batches(w: FakeWorker, steps: number[], losses: number[]): void {
  w.emit({
    type: 'batches',
    runId: runIdOf(w),
    epoch: 1,
    steps: Uint32Array.from(steps),
    losses: Float32Array.from(losses),
    accuracies: Float32Array.from(losses.map(() => 0.5)),
    batchInEpoch: steps.at(-1)!,
    examplesPerSec: 100,
  });
}

function epochEnd(w: FakeWorker, accuracy: number): void {
  w.emit({
    type: 'epoch',
    runId: runIdOf(w),
    epoch: 1,
    train: { loss: 1.5, accuracy: 0.5 },
    test: { predictionMode: { loss: 1.2, accuracy }, trainingMode: { loss: 1.1, accuracy } },
  });
}

/** The body rows of the live chart's data table (opened if needed) as cell texts. */
function tableRows(title: string): string[][] {
  const region = screen.getByRole('region', { name: title });
  const table = within(region).queryByRole('table');
  if (!table) return [];
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));
}

/** Cells of one variant's column that hold a number. */
const numbersIn = (rows: string[][], column: number): number[] =>
  rows
    .map((r) => r[column]!)
    .filter((c) => c !== '–')
    .map(Number);

describe('live race of an experiment', () => {
  it("overlays both variants' curves as they train, then the recorded runs", async () => {
    const { stores, main, spawned } = setup();
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = runExperiment(stores, { kind: 'batch-norm' }, 'exp-live', {
        cores: 2,
        label: (v) => (v === 'with-bn' ? 'LeNet-BN' : 'without batch norm'),
      });
    });
    // The Runs tab opens on the race, though no run is in the history yet.
    expect(stores.runs.getState().tab).toBe('runs');
    expect(screen.getByRole('region', { name: LOSS })).toBeTruthy();
    // With batch norm trains in a worker of its own, without it on the app's trainer.
    const bn = spawned[0]!.workers[0]!;
    const plain = main.workers[0]!;
    fireEvent.click(screen.getByRole('button', { name: `Show data: ${LOSS}` }));
    fireEvent.click(screen.getByRole('button', { name: `Show data: ${ACC}` }));
    const heads = within(screen.getByRole('region', { name: LOSS })).getAllByRole('columnheader');
    expect(heads.map((h) => h.textContent)).toEqual(['Step', 'LeNet-BN', 'without batch norm']);

    act(() => {
      started(bn);
      batches(bn, [1, 2, 3], [2.3, 1.9, 1.5]);
    });
    await waitFor(() => expect(tableRows(LOSS)).toHaveLength(3));
    let rows = tableRows(LOSS);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3']);
    // Smoothed as the Metrics chart smooths (bias-corrected moving average): 2.3, then 2.0895.
    expect(numbersIn(rows, 1)[0]).toBeCloseTo(2.3, 3);
    expect(numbersIn(rows, 1)[1]).toBeCloseTo(2.0895, 2);
    expect(numbersIn(rows, 2)).toEqual([]);

    // The other variant catches up: both series grow in the same table.
    act(() => {
      started(plain);
      batches(plain, [1, 2], [2.2, 2.1]);
      batches(bn, [4], [1.2]);
    });
    await waitFor(() => expect(tableRows(LOSS)).toHaveLength(4));
    rows = tableRows(LOSS);
    expect(numbersIn(rows, 1)).toHaveLength(4);
    expect(numbersIn(rows, 2)).toHaveLength(2);
    expect([...numbersIn(rows, 1), ...numbersIn(rows, 2)].every(Number.isFinite)).toBe(true);

    // A finished epoch puts that variant's test accuracy on the per-epoch chart.
    act(() => epochEnd(bn, 0.7));
    await waitFor(() => expect(tableRows(ACC)).toEqual([['1', '0.7', '–']]));
    act(() => {
      batches(plain, [3, 4], [2.0, 1.9]);
      epochEnd(plain, 0.4);
    });
    await waitFor(() => expect(tableRows(ACC)).toEqual([['1', '0.7', '0.4']]));
    expect(screen.getByRole('button', { name: `Download PNG: ${LOSS}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Download CSV: ${ACC}` })).toBeTruthy();

    // When both end, the race gives way to the overlay of the two recorded runs.
    act(() => {
      bn.emit({ type: 'finished', runId: runIdOf(bn), reason: 'completed' });
      plain.emit({ type: 'finished', runId: runIdOf(plain), reason: 'completed' });
    });
    await act(async () => void (await done));
    expect(screen.queryByRole('region', { name: LOSS })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show run data' }));
    const overlay = screen.getByRole('table', { name: 'Picked runs per epoch' });
    const labels = within(overlay)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('th')?.textContent);
    expect(labels).toEqual(['Run 1 · with batch norm', 'Run 2 · without batch norm']);
  });
});

describe('mergeSeries', () => {
  it('puts the variants on the union of their x values, with gaps where one has no point', () => {
    const data = mergeSeries([{ x: [1, 2, 4], y: [5, 6, 7] }, null, { x: [2, 3], y: [8, 9] }]);
    expect(data).toEqual([
      [1, 2, 3, 4],
      [5, 6, null, 7],
      [null, null, null, null],
      [null, 8, 9, null],
    ]);
    expect(mergeSeries([null])).toEqual([[], []]);
  });
});

describe('live runs in the runs view store', () => {
  it('keeps one state per variant of the running experiment, and none once it ends', () => {
    const view = createRunsViewStore();
    const run = initialTrainingState(8);
    view.getState().setLiveRun(0, run);
    expect(view.getState().liveRuns).toEqual([]);
    const variants = [0, 1].map((i) => ({ label: `v${i}`, status: 'running' as const, fraction: 0 }));
    view.getState().setExperiment({ id: 'e', kind: 'seeds', variants, parallel: 2, cancelRequested: false });
    const before = view.getState().liveVersion;
    view.getState().setLiveRun(1, run);
    view.getState().setLiveRun(2, run);
    expect(view.getState().liveRuns).toEqual([null, run]);
    expect(view.getState().liveVersion).toBe(before + 1);
    view.getState().setExperiment(null);
    expect(view.getState().liveRuns).toEqual([]);
  });
});
