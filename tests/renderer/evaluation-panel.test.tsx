import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EvaluationPanel } from '../../renderer/panels/EvaluationPanel';
import type { ViewAnswer, ViewQuery } from '../../src/training/protocol';
import { confusionMatrix } from '../../src/training/views-protocol';
import { renderInApp } from './render-app';

/** An evaluation of 12 tiny 28×28 examples whose predictions depend on the mode. */
function evaluation(q: Extract<ViewQuery, { type: 'evaluate' }>): ViewAnswer {
  const count = 12;
  const labels = Uint16Array.from({ length: count }, (_, i) => i % 10);
  const predictions = Uint16Array.from(labels, (l, i) => (q.mode === 'predict' && i < 3 ? (l + 1) % 10 : l));
  return {
    type: 'evaluation',
    requestId: 'x',
    runId: q.runId,
    mode: q.mode,
    count,
    classes: 10,
    labels,
    predictions,
    probabilities: new Float32Array(count * 10).fill(0.1),
    confusion: confusionMatrix(labels, predictions, 10),
    images: { shape: [28, 28, 1], pixels: new Uint8Array(count * 784) },
  };
}

describe('Evaluation tab', () => {
  it('shows the matrix, per-class bars and images, and marks predictions that change with the mode', async () => {
    const { trainer, stores } = renderInApp(<EvaluationPanel />);
    const asked: ViewQuery[] = [];
    trainer.view = (q) => {
      asked.push(q);
      if (q.type === 'evaluate') return Promise.resolve(evaluation(q));
      return Promise.resolve({
        type: 'view-failed',
        requestId: 'x',
        runId: q.runId,
        code: 'view/no-run',
        message: 'none',
      });
    };
    expect(screen.getByText(/once the run ends/)).toBeTruthy();
    await act(async () => {
      stores.training.getState().begin('run-1', { epochs: 1, batchSize: 4 });
      trainer.emit({ type: 'finished', runId: 'run-1', reason: 'completed' });
    });
    const summary = await screen.findByText(/% correct/);
    expect(summary.textContent).toContain('75.0 % correct (9 of 12 test examples, Prediction mode)');
    const matrix = screen.getByRole('table', { name: /Confusion matrix/ });
    const cells = within(matrix)
      .getAllByRole('cell')
      .map((c) => Number(c.textContent));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(12);
    const grid = screen.getByRole('list', { name: 'Test images with their predictions' });
    // Misclassified first: images 1-3 are wrong in prediction mode.
    expect(within(grid).getAllByRole('button')[0]!.getAttribute('aria-label')).toBe(
      'Test image 1: predicted Trouser, truly T-shirt/top.',
    );

    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Training mode' })));
    expect(asked.filter((q) => q.type === 'evaluate').map((q) => q.type === 'evaluate' && q.mode)).toEqual([
      'predict',
      'batch-stats',
    ]);
    expect((await screen.findByText(/Training mode\)/)).textContent).toContain(
      '3 predictions differ from the other mode',
    );
    const again = screen.getByRole('list', { name: 'Test images with their predictions' });
    expect(within(again).getAllByRole('button', { name: /changed$/ })).toHaveLength(3);
    expect(screen.getByRole('radio', { name: 'Training mode' })).toHaveProperty('checked', true);
  });
});
