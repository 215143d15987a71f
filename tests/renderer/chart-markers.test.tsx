import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../assets/locales/en.json';
import zh from '../../assets/locales/zh-CN.json';
import { findingMarkers } from '../../renderer/charts/finding-markers';
import { createI18n } from '../../renderer/i18n';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { createAppStores } from '../../renderer/state/create-stores';
import { StoresProvider } from '../../renderer/state/stores';
import type { FromTrainer } from '../../src/training/protocol';
import { lenet } from './doc-fixtures';
import { layerStats } from './layer-stats-fixtures';
import { fakeTrainer } from './render-app';

afterEach(cleanup);

/** The training panel in `language` with a run started on a fake trainer the test speaks for. */
function startRun(language: 'en' | 'zh-CN' = 'en') {
  const trainer = fakeTrainer();
  const stores = createAppStores(lenet(), trainer);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoresProvider stores={stores}>
        <ReactFlowProvider>
          <TrainingPanel />
        </ReactFlowProvider>
      </StoresProvider>
    </I18nextProvider>,
  );
  const trainLabel = (language === 'en' ? en : zh).ui.training.train;
  fireEvent.click(screen.getByRole('button', { name: trainLabel }));
  expect(trainer.starts).toHaveLength(1);
  const send = (msg: FromTrainer) => act(() => trainer.emit(msg));
  const runId = 'run-1';
  send({ type: 'started', runId, backend: 'cpu', reason: '', batchesPerEpoch: 10, epochs: 2 });
  const steps = Uint32Array.from({ length: 12 }, (_, i) => i + 1);
  send({
    type: 'batches',
    runId,
    epoch: 2,
    steps,
    losses: Float32Array.from(steps, (s) => 2 / s),
    accuracies: Float32Array.from(steps, (s) => s / 20),
    batchInEpoch: 2,
    examplesPerSec: 100,
  });
  return { stores, send, runId };
}

const saturated = (runId: string, step: number, epoch?: number): FromTrainer => ({
  type: 'finding',
  runId,
  nodeId: 'conv1',
  code: 'health/saturated',
  message: "80% of the outputs of 'conv1' sit in the flat ends",
  values: { layer: 'conv1', pct: '80%' },
  step,
  ...(epoch !== undefined && { epoch }),
});

describe('findings on the metrics charts', () => {
  it('puts a flag per finding on the loss and accuracy charts; focusing one shows its text and selects its layer', () => {
    const { stores, send, runId } = startRun();
    expect(screen.queryByRole('list', { name: 'Findings on Loss per batch' })).toBeNull();
    send(saturated(runId, 12, 2));
    send({
      type: 'finding',
      runId,
      nodeId: 'pool1',
      code: 'health/non-finite',
      message: "'pool1' produced NaN or infinite values.",
      values: { layer: 'pool1' },
      step: 12,
      epoch: 2,
    });
    const loss = screen.getByRole('list', { name: 'Findings on Loss per batch' });
    const flags = within(loss).getAllByRole('button');
    expect(flags.map((b) => b.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(
        /^Finding at step 12 \(epoch 2\) · conv1: 80% of the outputs of 'conv1' sit in the flat ends/,
      ),
      expect.stringMatching(/^Finding at step 12 \(epoch 2\) · pool1: 'pool1' produced NaN/),
    ]);
    expect(flags.map((b) => b.className)).toEqual([
      expect.stringContaining('chart-marker--warning'),
      expect.stringContaining('chart-marker--error'),
    ]);
    // The accuracy chart carries the same flags.
    expect(
      within(screen.getByRole('list', { name: 'Findings on Accuracy' })).getAllByRole('button'),
    ).toHaveLength(2);

    expect(screen.queryByRole('tooltip')).toBeNull();
    act(() => flags[1]!.focus());
    expect(screen.getByRole('tooltip').textContent).toBe(flags[1]!.getAttribute('aria-label'));
    expect(stores.session.getState().selection.nodes).toEqual(['pool1']);
    act(() => flags[1]!.blur());
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.click(flags[0]!);
    expect(stores.session.getState().selection.nodes).toEqual(['conv1']);
  });

  it('lists the findings with their step and epoch', () => {
    const { send, runId } = startRun();
    const layers = [layerStats('conv1', 12), layerStats('pool1', 12, { weights: false })];
    send({ type: 'layer-stats', runId, step: 12, epoch: 2, epochEnd: false, sampledExamples: 8, layers });
    send(saturated(runId, 12, 2));
    fireEvent.click(screen.getByRole('tab', { name: 'Layers' }));
    const list = screen.getByRole('region', { name: 'Findings' });
    expect(within(list).getByRole('button').textContent).toBe(
      "Step 12 (epoch 2) · conv1: 80% of the outputs of 'conv1' sit in the flat ends of its sigmoid or tanh, where the gradient nearly vanishes. Try batch normalization before it, ReLU, smaller initial weights, or inputs scaled to [0, 1].",
    );
  });

  it('labels a marker without an epoch (an older trainer) by its step alone', () => {
    const [marker] = findingMarkers(
      [{ nodeId: 'conv1', code: 'health/dead-relu', message: 'dead', step: 7 }],
      new Map([['conv1', 'Conv A']]),
      createI18n('en').t,
    );
    expect(marker).toMatchObject({ x: 7, severity: 'warning', nodeId: 'conv1' });
    expect(marker!.label).toBe('Finding at step 7 · Conv A: dead');
  });
});

describe('training failures in the UI language', () => {
  it('renders a non-finite loss in Chinese from its key and values', () => {
    const { send, runId } = startRun('zh-CN');
    const english =
      'The loss became NaN at step 12 (epoch 2, batch 2): the weights have diverged. Training stopped and kept the weights from before that step. Try a lower learning rate.';
    send({
      type: 'failed',
      runId,
      diagnostic: {
        code: 'train/non-finite',
        message: english,
        key: 'non-finite-loss',
        values: { step: 12, epoch: 2, batch: 2, loss: 'NaN', lr: '1000', layer: '' },
      },
    });
    const alert = screen.getByRole('alert').textContent ?? '';
    expect(alert).toMatch(/[\u4e00-\u9fff]/);
    expect(alert).not.toContain('The loss became');
    expect(alert).toContain('第 12 步');
    expect(alert).toContain('NaN');
  });

  it('falls back to the English text for a key the catalog does not know, or none', () => {
    const { send, runId } = startRun('zh-CN');
    send({
      type: 'failed',
      runId,
      diagnostic: { code: 'train/data', message: 'Plain English reason.', key: 'no-such-key', values: {} },
    });
    expect(screen.getByRole('alert').textContent).toContain('Plain English reason.');
  });

  it('renders a worker out of memory with its advice', () => {
    const { send, runId } = startRun('zh-CN');
    send({
      type: 'failed',
      runId,
      diagnostic: {
        code: 'train/worker-crashed',
        message:
          'The training worker ran out of memory and stopped (RangeError: Array buffer allocation failed).',
        key: 'worker-out-of-memory',
        values: { error: 'RangeError: Array buffer allocation failed' },
      },
    });
    const alert = screen.getByRole('alert').textContent ?? '';
    expect(alert).toContain('内存不足');
    expect(alert).toContain('RangeError: Array buffer allocation failed');
  });
});
