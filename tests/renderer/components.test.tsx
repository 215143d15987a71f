import { ReactFlow } from '@xyflow/react';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { toFlowNodes } from '../../renderer/canvas/flow-nodes';
import { LayerNode } from '../../renderer/canvas/LayerNode';
import { Inspector } from '../../renderer/panels/Inspector';
import { Palette } from '../../renderer/panels/Palette';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { NO_SELECTION } from '../../renderer/state/session-store';
import { analyze } from '../../src/analysis/analyze';
import type { Doc } from '../../src/graph/document';
import { LAYER_SPECS } from '../../src/layers/registry';
import en from '../../assets/locales/en.json';
import { lenet, lenetWithDenseOnImage } from './doc-fixtures';
import { renderInApp } from './render-app';

afterEach(cleanup);

const titles = en.layer as Record<string, { title: string }>;

function renderNodes(doc: Doc) {
  const nodes = toFlowNodes(doc, analyze(doc), NO_SELECTION, {}, (k) => titles[k]?.title ?? k);
  return renderInApp(
    <div style={{ width: 800, height: 600 }}>
      <ReactFlow nodes={nodes} edges={[]} nodeTypes={{ layer: LayerNode }} />
    </div>,
    doc,
  );
}

describe('LayerNode', () => {
  it('shows title, name, output shape and parameter count', () => {
    renderNodes(lenet());
    // React Flow keeps nodes hidden until it has measured them (happy-dom never lays out),
    // so they are found by their label rather than by role here; the e2e tests use roles.
    const node = screen.getByLabelText('Conv2D conv1');
    expect(node.getAttribute('role')).toBe('group');
    expect(within(node).getByText('[?, 24, 24, 6]')).toBeTruthy();
    expect(within(node).getByText('156 params')).toBeTruthy();
    expect(within(node).getByText('Conv2D')).toBeTruthy();
    expect(within(node).getByText('conv1')).toBeTruthy();
  });

  it('shows an error badge naming the shapes, and dims blocked layers', () => {
    renderNodes(lenetWithDenseOnImage());
    const node = screen.getByLabelText('Dense dense4');
    const badge = within(node).getByLabelText(/^Error: /);
    expect(badge.getAttribute('role')).toBe('img');
    expect(badge.getAttribute('aria-label')).toContain('[?, 24, 24, 6]');
    const output = screen.getByLabelText('Output output');
    expect(output.querySelector('.layer-node--blocked')).not.toBeNull();
  });
});

/** Accessible names of the palette's item buttons (not their "Help: …" buttons). */
const itemNames = (): (string | null)[] =>
  screen
    .getAllByRole('button')
    .map((b) => b.getAttribute('aria-label'))
    .filter((n) => !n?.startsWith('Help: '));

describe('Palette', () => {
  it('lists every layer kind of the registry by title, grouped under category headings', () => {
    renderInApp(<Palette />);
    const names = itemNames();
    const examples = ['VGG block', 'Residual block', 'Inception block'];
    expect([...names].sort()).toEqual([...LAYER_SPECS.map((s) => titles[s.kind]!.title), ...examples].sort());
    const categories = en.category as Record<string, string>;
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual([...new Set(LAYER_SPECS.map((s) => categories[s.category])), 'My blocks']);
    const mine = screen.getByRole('region', { name: 'My blocks' });
    expect(
      within(mine)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(examples);
    const conv = screen.getByRole('region', { name: 'Convolution' });
    expect(within(conv).getByRole('button', { name: 'Conv2D' }).getAttribute('draggable')).toBe('true');
    expect(screen.getByText('Slides learned filters over an image.')).toBeTruthy();
  });

  it('filters by title and description with the search box', () => {
    renderInApp(<Palette />);
    const search = screen.getByRole('searchbox', { name: 'Search layers' });
    fireEvent.change(search, { target: { value: 'pool' } });
    const names = itemNames();
    expect(names).toContain('MaxPool2D');
    expect(names).not.toContain('Dense');
    fireEvent.change(search, { target: { value: 'fully connected' } });
    expect(itemNames()).toEqual(['Dense']);
    expect(screen.getByRole('button', { name: 'Help: Dense' })).toBeTruthy();
    fireEvent.change(search, { target: { value: 'zzz' } });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toContain('zzz');
  });

  it('adds a layer when an item is activated', () => {
    const { stores } = renderInApp(<Palette />);
    fireEvent.click(screen.getByRole('button', { name: 'Dropout' }));
    const doc = stores.document.getState().doc;
    expect(doc.layers.at(-1)).toMatchObject({ kind: 'dropout', id: 'dropout-1' });
    expect(stores.session.getState().selection.nodes).toEqual(['dropout-1']);
  });
});

describe('Palette help', () => {
  it('opens the layer help with its formula and lessons, without adding the layer', () => {
    const { stores } = renderInApp(<Palette />);
    const before = stores.document.getState().doc.layers.length;
    const help = screen.getByRole('button', { name: 'Help: BatchNorm' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(help);
    const dialog = screen.getByRole('dialog', { name: 'BatchNorm' });
    expect(dialog.textContent).toContain('y = γ·(x − μ_B)/√(σ²_B + ε) + β');
    const lessonTitles = en.lesson as unknown as Record<string, { title: string }>;
    const lessons = within(dialog).getAllByRole('button', { name: /^Open lesson: / });
    expect(lessons[0]!.textContent).toBe(`Open lesson: ${lessonTitles['bn-convergence']!.title}`);
    expect(stores.document.getState().doc.layers).toHaveLength(before);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(help);
    expect(stores.document.getState().doc.layers).toHaveLength(before);
  });

  it('offers no lesson for a kind no lesson teaches', () => {
    renderInApp(<Palette />);
    fireEvent.click(screen.getByRole('button', { name: 'Help: Flatten' }));
    const dialog = screen.getByRole('dialog', { name: 'Flatten' });
    expect(dialog.textContent).toContain('[batch, h·w·c]');
    expect(within(dialog).queryByRole('button', { name: /^Open lesson: / })).toBeNull();
  });
});

describe('Inspector', () => {
  it('commits valid values on Enter and refuses invalid ones with a message', () => {
    const { stores } = renderInApp(<Inspector />);
    act(() => stores.session.getState().select({ nodes: ['conv1'], edges: [] }));
    const filters = screen.getByLabelText('Filters') as HTMLInputElement;
    expect(filters.value).toBe('6');
    fireEvent.change(filters, { target: { value: '0' } });
    fireEvent.keyDown(filters, { key: 'Enter' });
    expect(screen.getByText('Enter a value from 1 to 4096.')).toBeTruthy();
    expect(stores.document.getState().doc.layers.find((l) => l.id === 'conv1')!.params['filters']).toBe(6);
    fireEvent.change(filters, { target: { value: '8' } });
    fireEvent.keyDown(filters, { key: 'Enter' });
    expect(stores.document.getState().doc.layers.find((l) => l.id === 'conv1')!.params['filters']).toBe(8);
    expect(screen.getByText('[?, 24, 24, 8]')).toBeTruthy();
  });

  it('shows BatchNorm momentum in the PyTorch convention', () => {
    const { stores } = renderInApp(<Inspector />);
    act(() => stores.session.getState().select({ nodes: ['bn1'], edges: [] }));
    expect(screen.getByText(/PyTorch's convention: momentum = 0\.1/)).toBeTruthy();
    expect((screen.getByLabelText('Momentum') as HTMLInputElement).value).toBe('0.9');
  });
});

describe('TrainingPanel', () => {
  it('starts a run with the document settings and the example cap, and shows progress', () => {
    const { stores, trainer } = renderInApp(<TrainingPanel />);
    const region = screen.getByRole('region', { name: 'Training' });
    expect(within(region).getByText('Fashion-MNIST')).toBeTruthy();
    const cap = within(region).getByLabelText('Training examples');
    fireEvent.change(cap, { target: { value: '1024' } });
    fireEvent.blur(cap);
    expect(stores.document.getState().doc.training.trainLimit).toBe(1024);
    fireEvent.click(within(region).getByRole('button', { name: 'Train' }));
    expect(trainer.starts[0]!.limits).toEqual({
      maxExamples: 1024,
      maxEpochs: null,
      maxSteps: null,
      maxTestExamples: null,
    });
    expect(trainer.starts[0]!.plan.nodes.length).toBeGreaterThan(10);
    act(() =>
      trainer.emit({
        type: 'started',
        runId: 'run-1',
        backend: 'wasm',
        reason: 'ok',
        batchesPerEpoch: 4,
        epochs: 10,
      }),
    );
    expect(within(region).getByText(/Backend: wasm/)).toBeTruthy();
    expect((within(region).getByRole('button', { name: 'Train' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(region).getByRole('button', { name: 'Stop' }));
    expect(trainer.calls).toContain('stop');
    expect((within(region).getByRole('button', { name: 'Train' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('disables Train with the reason while an error exists', () => {
    renderInApp(<TrainingPanel />, lenetWithDenseOnImage());
    const train = screen.getByRole('button', { name: 'Train' }) as HTMLButtonElement;
    expect(train.disabled).toBe(true);
    expect(screen.getByText(/Fix this error to train: Dense 'dense4' needs a rank-2 input/)).toBeTruthy();
  });
});
