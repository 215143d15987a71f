import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTables } from '../../renderer/charts/DataTables';
import { EvaluationPanel } from '../../renderer/panels/EvaluationPanel';
import type { FromTrainer } from '../../src/training/protocol';
import { renderInApp, type FakeTrainer } from './render-app';

/** Messages of a short run whose metric is `metric`. */
function run(trainer: FakeTrainer, metric: 'accuracy' | 'mae'): void {
  const msgs: FromTrainer[] = [
    { type: 'started', runId: 'run-1', backend: 'cpu', reason: '', batchesPerEpoch: 2, epochs: 1, metric },
    {
      type: 'batches',
      runId: 'run-1',
      epoch: 1,
      steps: Uint32Array.of(1, 2),
      losses: Float32Array.of(0.9, 0.5),
      accuracies: Float32Array.of(0.7, 0.4),
      batchInEpoch: 2,
      examplesPerSec: 100,
    },
    {
      type: 'epoch',
      runId: 'run-1',
      epoch: 1,
      train: { loss: 0.7, accuracy: 0.55 },
      test: { predictionMode: { loss: 0.4, accuracy: 0.35, r2: 0.82 }, trainingMode: null },
    },
    { type: 'finished', runId: 'run-1', reason: 'completed' },
  ];
  msgs.forEach((m) => trainer.emit(m));
}

afterEach(cleanup);

describe('a regression run in the UI', () => {
  it('labels the metric columns MAE and shows R²', async () => {
    const { trainer, stores } = renderInApp(<DataTables />);
    await act(async () => {
      stores.training.getState().begin('run-1', { epochs: 1, batchSize: 4 });
      run(trainer, 'mae');
    });
    const epochs = screen.getByRole('table', { name: 'Results per epoch' });
    const headers = within(epochs)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Epoch', 'Loss', 'MAE', 'Test MAE', 'Test MAE (batch stats)', 'Test R²']);
    expect(
      within(epochs)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['0.7000', '0.5500', '0.3500', '–', '0.8200']);
    expect(screen.queryByText('Accuracy')).toBeNull();
  });

  it('keeps the accuracy columns of a classification run', async () => {
    const { trainer, stores } = renderInApp(<DataTables />);
    await act(async () => {
      stores.training.getState().begin('run-1', { epochs: 1, batchSize: 4 });
      run(trainer, 'accuracy');
    });
    const epochs = screen.getByRole('table', { name: 'Results per epoch' });
    expect(
      within(epochs)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Epoch', 'Loss', 'Accuracy', 'Test accuracy', 'Test (batch stats)']);
  });

  it('explains the evaluation views instead of asking the worker for them', async () => {
    const { trainer, stores } = renderInApp(<EvaluationPanel />);
    let asked = 0;
    trainer.view = () => {
      asked++;
      return Promise.reject(new Error('must not be asked'));
    };
    await act(async () => {
      stores.training.getState().begin('run-1', { epochs: 1, batchSize: 4 });
      run(trainer, 'mae');
    });
    expect(screen.getByText(/are for classification runs/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: /Confusion matrix/ })).toBeNull();
    expect(asked).toBe(0);
  });
});
