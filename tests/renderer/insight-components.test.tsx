import { ReactFlow } from '@xyflow/react';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sparkPoints, toFlowNodes } from '../../renderer/canvas/flow-nodes';
import { LayerNode } from '../../renderer/canvas/LayerNode';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { appendFinding, appendLayerStats, initialLayerStats } from '../../renderer/state/layer-stats-reducer';
import { nodeInsights } from '../../renderer/state/layer-stats-view';
import { NO_SELECTION } from '../../renderer/state/session-store';
import { analyze } from '../../src/analysis/analyze';
import type { FromTrainer, LayerStatsSnapshot } from '../../src/training/protocol';
import en from '../../assets/locales/en.json';
import { lenet } from './doc-fixtures';
import { layerStats } from './layer-stats-fixtures';
import { renderInApp } from './render-app';

afterEach(cleanup);

const titles = en.layer as Record<string, { title: string }>;

/** A snapshot of lenet's conv1 (weights) and bn-free layers at `step`. */
const body = (step: number): LayerStatsSnapshot => ({
  step,
  epoch: 1,
  epochEnd: false,
  sampledExamples: 8,
  layers: [layerStats('conv1', step), layerStats('pool1', step, { weights: false })],
});

describe('sparkPoints', () => {
  it('scales a series into the box, top = max, and skips what it cannot draw', () => {
    expect(sparkPoints([0, 1, 2], false, { width: 10, height: 12 })).toBe('0.0,11.0 5.0,6.0 10.0,1.0');
    expect(sparkPoints([1, 1], false, { width: 10, height: 12 })).toBe('0.0,6.0 10.0,6.0');
    expect(sparkPoints([0.001, 0, 0.1], true, { width: 10, height: 12 })).toBe('0.0,11.0 10.0,1.0');
    expect(sparkPoints([NaN])).toBe('');
  });
});

describe('LayerNode training insight', () => {
  function renderWithInsight() {
    let s = initialLayerStats();
    for (let step = 1; step <= 5; step++) s = appendLayerStats(s, body(step));
    s = appendFinding(s, {
      nodeId: 'pool1',
      code: 'health/saturated',
      message: "85 % of the outputs of 'pool1' sit in the flat ends",
      step: 5,
    });
    const doc = lenet();
    const nodes = toFlowNodes(
      doc,
      analyze(doc),
      NO_SELECTION,
      {},
      (k) => titles[k]?.title ?? k,
      nodeInsights(s),
    );
    return renderInApp(
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={nodes} edges={[]} nodeTypes={{ layer: LayerNode }} />
      </div>,
      doc,
    );
  }

  it('shows two sparklines and a health dot with an accessible label', () => {
    renderWithInsight();
    const conv = screen.getByLabelText('Conv2D conv1');
    const dot = within(conv).getByLabelText('Health: conv1 trains without findings');
    expect(dot.getAttribute('role')).toBe('img');
    expect(dot.className).toContain('health-dot--ok');
    const std = within(conv).getByLabelText(/^Activation spread \(std\) over recent steps, latest 1\.05$/);
    expect(std.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(5);
    expect(within(conv).getByLabelText(/^Gradient norm over recent steps, latest 0\.05/)).toBeTruthy();
  });

  it('colours the dot amber with the finding as its label', () => {
    renderWithInsight();
    const pool = screen.getByLabelText(/^\S+ pool1$/);
    const dot = within(pool).getByLabelText(/^Health: 85 % of the outputs of 'pool1'/);
    expect(dot.className).toContain('health-dot--finding');
  });

  it('shows nothing of training before a run', () => {
    renderInApp(<div />);
    const doc = lenet();
    const nodes = toFlowNodes(doc, analyze(doc), NO_SELECTION, {}, (k) => k);
    expect(nodes.every((n) => n.data.insight === null)).toBe(true);
  });
});

describe('Layers tab', () => {
  it('moves between the chart tabs with the arrow keys', () => {
    renderInApp(<TrainingPanel />);
    const metrics = screen.getByRole('tab', { name: 'Metrics' });
    expect(metrics.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(metrics, { key: 'ArrowRight' });
    const layers = screen.getByRole('tab', { name: 'Layers' });
    expect(layers.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(layers);
    expect(screen.getByRole('tabpanel').textContent).toContain('Per-layer statistics appear here');
  });

  it('charts the chosen layer, shows its numbers on demand, and selects a layer from a finding', () => {
    const { trainer, stores } = renderInApp(<TrainingPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(trainer.starts).toHaveLength(1);
    const runId = 'run-1';
    const send = (msg: FromTrainer) => act(() => trainer.emit(msg));
    send({ type: 'started', runId, backend: 'cpu', reason: '', batchesPerEpoch: 10, epochs: 1 });
    const tab = screen.getByRole('tab', { name: 'Layers' });
    fireEvent.click(tab);
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Per-layer statistics appear here while training runs.')).toBeTruthy();
    for (let step = 1; step <= 3; step++) send({ type: 'layer-stats', runId, ...body(step) });
    send({
      type: 'finding',
      runId,
      nodeId: 'pool1',
      code: 'health/saturated',
      message: 'pool1 saturated',
      step: 3,
    });
    const select = screen.getByRole('combobox', { name: 'Layer' }) as HTMLSelectElement;
    expect(select.value).toBe('conv1');
    const toggle = screen.getByRole('button', { name: 'Show data: Activation distribution of conv1' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const table = screen.getByRole('table', { name: /^Activation distribution of conv1/ });
    expect(within(table).getAllByRole('row')).toHaveLength(4); // heading + 3 snapshots
    fireEvent.click(
      screen.getByRole('button', { name: 'Show data: Gradient norm of every layer (log scale)' }),
    );
    const grads = screen.getByRole('table', { name: /^Gradient norm of every layer/ });
    expect(
      within(grads)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Step', 'conv1', 'pool1']);
    fireEvent.click(screen.getByRole('button', { name: /^Step 3 · pool1: pool1 saturated$/ }));
    expect(stores.session.getState().selection.nodes).toEqual(['pool1']);
    expect(select.value).toBe('pool1');
    expect(screen.getByText('pool1 has no trainable weights.')).toBeTruthy();
  });
});
