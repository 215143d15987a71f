import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResumeOffer } from '../../renderer/panels/ResumeOffer';
import { TrainingProgress } from '../../renderer/panels/TrainingProgress';
import { compilePlan } from '../../src/compiler/plan';
import { planHash } from '../../src/compiler/plan-hash';
import { setLayerParam } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { packCheckpoint } from '../../src/training/checkpoint';
import {
  decodeRunCheckpoint,
  encodeRunCheckpoint,
  type RunCheckpoint,
} from '../../src/training/checkpoint-record';
import { lenet } from './doc-fixtures';
import { renderInApp } from './render-app';

/** A fake preload API (desktop app) holding checkpoints by project key. */
function fakeDesktop(stored: Record<string, Uint8Array> = {}) {
  const files = new Map(Object.entries(stored));
  const on = () => () => () => undefined;
  const api = {
    openProject: vi.fn(async () => null),
    saveProject: vi.fn(async () => null),
    saveBundle: vi.fn(async () => null),
    openModel: vi.fn(async () => null),
    appInfo: vi.fn(async () => ({ version: '1', platform: 'linux' })),
    writeBackup: vi.fn(async () => null),
    readBackup: vi.fn(async () => null),
    clearBackup: vi.fn(async () => null),
    writeCheckpoint: vi.fn(async ({ project, bytes }: { project: string; bytes: Uint8Array }) => {
      files.set(project, bytes);
      return null;
    }),
    readCheckpoint: vi.fn(async ({ project }: { project: string }) => {
      const bytes = files.get(project);
      return bytes ? { bytes } : null;
    }),
    clearCheckpoint: vi.fn(async ({ project }: { project: string }) => {
      files.delete(project);
      return null;
    }),
    readDatasetFile: vi.fn(async () => null),
    locateDatasetFile: vi.fn(async () => null),
    locateDatasetFolder: vi.fn(async () => null),
    beginSession: vi.fn(async () => ({ uncleanExit: false })),
    replyToClose: vi.fn(async () => null),
    onMenuCommand: on(),
    onProjectOpened: on(),
    onWillClose: on(),
  };
  (globalThis as { layerloom?: unknown }).layerloom = api;
  return { api, files };
}

afterEach(() => {
  cleanup();
  delete (globalThis as { layerloom?: unknown }).layerloom;
});

const KEY = `untitled:${lenet().name}`;

function hashOf(doc: Doc): string {
  const plan = compilePlan(doc);
  if (!plan.ok) throw new Error('lenet does not compile');
  return planHash(plan.value);
}

/** A stored run of the launch document: epoch 1 of 3 done, 2 epochs of 50 batches planned in another setting. */
function storedRun(over: Partial<RunCheckpoint> = {}): RunCheckpoint {
  const doc = lenet();
  return {
    project: KEY,
    runId: 'old-run',
    epoch: 1,
    epochs: 3,
    config: { ...doc.training, epochs: 3, trainLimit: 1280, batchSize: 32 },
    dataset: doc.dataset,
    planHash: hashOf(doc),
    metrics: [
      {
        epoch: 1,
        step: 40,
        train: { loss: 0.8, accuracy: 0.7 },
        test: { loss: 0.9, accuracy: 0.65 },
        testTrainingMode: null,
      },
    ],
    checkpoint: packCheckpoint(
      { epoch: 1, step: 40, batchInEpoch: 40, batchesPerEpoch: 40, optimizer: { kind: 'sgd', updates: 40 } },
      [{ name: 'conv1/kernel', role: 'weight', shape: [2], values: Float32Array.of(0.5, -0.25) }],
    ),
    ...over,
  };
}

describe('the resume offer', () => {
  it('offers an unfinished run of this project and continues it from the next epoch', async () => {
    fakeDesktop({ [KEY]: encodeRunCheckpoint(storedRun()) });
    const { stores, trainer } = renderInApp(
      <>
        <ResumeOffer />
        <TrainingProgress />
      </>,
    );
    const button = await screen.findByRole('button', { name: 'Resume run — epoch 1 of 3' });
    expect(screen.getByRole('group', { name: 'Unfinished run' }).textContent).toContain(
      'stopped after epoch 1 of 3',
    );
    // The panel's settings differ from the run's: said, and put back on resume.
    expect(screen.getByText(/puts them back in the panel/)).toBeTruthy();
    fireEvent.click(button);
    expect(trainer.starts).toHaveLength(1);
    const start = trainer.starts[0]!;
    expect(start.resume?.manifest.step).toBe(40);
    expect(Array.from(new Float32Array(start.resume!.buffer))).toEqual([0.5, -0.25]);
    expect(start.config).toMatchObject({ epochs: 3, batchSize: 32, trainLimit: 1280 });
    expect(start.limits.maxExamples).toBe(1280);
    expect(stores.document.getState().doc.training).toEqual(start.config);
    expect(screen.queryByRole('group', { name: 'Unfinished run' })).toBeNull();
    const run = stores.training.getState().run;
    expect(run.epochRows.map((r) => r.epoch)).toEqual([1]);
    act(() =>
      trainer.emit({
        type: 'started',
        runId: 'run-1',
        backend: 'cpu',
        reason: '',
        batchesPerEpoch: 40,
        epochs: 3,
        resumed: { epoch: 2, step: 40 },
      }),
    );
    const bar = screen.getByRole('progressbar', { name: 'Training progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuemax')).toBe('120');
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^Epoch 2\/3 · batch 0\/40/);
  });

  it('shows a checkpoint of a changed network as stale, and cannot resume it', async () => {
    const doc = lenet();
    const conv = doc.layers.find((l) => l.kind === 'conv2d')!;
    const edited = setLayerParam(doc, conv.id, 'filters', 8);
    if (!edited.ok) throw new Error('edit refused');
    fakeDesktop({ [KEY]: encodeRunCheckpoint(storedRun()) });
    const { trainer } = renderInApp(<ResumeOffer />, edited.value);
    const button = await screen.findByRole('button', { name: 'Resume run — epoch 1 of 3' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/no longer matches the network/)).toBeTruthy();
    fireEvent.click(button);
    expect(trainer.starts).toHaveLength(0);
  });

  it('offers nothing for another project, a finished run, or no checkpoint', async () => {
    const { api } = fakeDesktop({
      'untitled:Another net': encodeRunCheckpoint(storedRun({ project: 'untitled:Another net' })),
    });
    renderInApp(<ResumeOffer />);
    await waitFor(() => expect(api.readCheckpoint).toHaveBeenCalledWith({ project: KEY }));
    expect(screen.queryByRole('group')).toBeNull();
    cleanup();
    const finished = fakeDesktop({ [KEY]: encodeRunCheckpoint(storedRun({ epoch: 3 })) });
    renderInApp(<ResumeOffer />);
    await waitFor(() => expect(finished.api.readCheckpoint).toHaveBeenCalledWith({ project: KEY }));
    await act(async () => {}); // let the lookup's answer land
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('Discard deletes the checkpoint', async () => {
    const { api, files } = fakeDesktop({ [KEY]: encodeRunCheckpoint(storedRun()) });
    renderInApp(<ResumeOffer />);
    fireEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('group')).toBeNull();
    await waitFor(() => expect(api.clearCheckpoint).toHaveBeenCalledWith({ project: KEY }));
    expect(files.size).toBe(0);
  });
});

describe('keeping the current run’s checkpoint', () => {
  it('stores each epoch-end checkpoint with the run and deletes it when the run completes', async () => {
    const { api, files } = fakeDesktop();
    const { stores, trainer } = renderInApp(
      <>
        <ResumeOffer />
      </>,
    );
    await waitFor(() => expect(api.readCheckpoint).toHaveBeenCalled());
    const doc = stores.document.getState().doc;
    const data = storedRun().checkpoint;
    act(() => {
      stores.training.getState().begin('run-1', doc.training, {
        project: KEY,
        planHash: hashOf(doc),
        config: doc.training,
        dataset: doc.dataset,
      });
      trainer.emit({
        type: 'started',
        runId: 'run-1',
        backend: 'cpu',
        reason: '',
        batchesPerEpoch: 40,
        epochs: 10,
      });
      trainer.emit({
        type: 'epoch',
        runId: 'run-1',
        epoch: 1,
        train: { loss: 0.5, accuracy: 0.8 },
        test: { predictionMode: { loss: 0.6, accuracy: 0.75 }, trainingMode: null },
      });
      trainer.emit({ type: 'checkpoint', runId: 'run-1', epoch: 1, step: 40, kind: 'epoch-end', data });
      // A last-good checkpoint of a diverging run is never offered.
      trainer.emit({ type: 'checkpoint', runId: 'run-1', epoch: 2, step: 41, kind: 'last-good', data });
    });
    await waitFor(() => expect(api.writeCheckpoint).toHaveBeenCalledTimes(1));
    const stored = decodeRunCheckpoint(files.get(KEY)!);
    if (!stored.ok) throw new Error(stored.error);
    expect(stored.value).toMatchObject({ runId: 'run-1', epoch: 1, epochs: 10, planHash: hashOf(doc) });
    expect(stored.value.metrics).toEqual([
      {
        epoch: 1,
        step: 0,
        train: { loss: 0.5, accuracy: 0.8 },
        test: { loss: 0.6, accuracy: 0.75 },
        testTrainingMode: null,
      },
    ]);
    act(() => trainer.emit({ type: 'finished', runId: 'run-1', reason: 'completed' }));
    await waitFor(() => expect(api.clearCheckpoint).toHaveBeenCalledWith({ project: KEY }));
    expect(files.size).toBe(0);
  });

  it('keeps the checkpoint of a stopped run', async () => {
    const { api, files } = fakeDesktop();
    const { stores, trainer } = renderInApp(<ResumeOffer />);
    await waitFor(() => expect(api.readCheckpoint).toHaveBeenCalled());
    const doc = stores.document.getState().doc;
    act(() => {
      stores.training.getState().begin('run-1', doc.training, {
        project: KEY,
        planHash: hashOf(doc),
        config: doc.training,
        dataset: doc.dataset,
      });
      trainer.emit({
        type: 'checkpoint',
        runId: 'run-1',
        epoch: 1,
        step: 40,
        kind: 'epoch-end',
        data: storedRun().checkpoint,
      });
      trainer.emit({ type: 'finished', runId: 'run-1', reason: 'stopped' });
    });
    await waitFor(() => expect(api.writeCheckpoint).toHaveBeenCalledTimes(1));
    await act(async () => {}); // a delete would be queued right after the write
    expect(api.clearCheckpoint).not.toHaveBeenCalled();
    expect(files.has(KEY)).toBe(true);
  });
});
