import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import { DEFAULT_TRAINING, type Doc } from '../../src/graph/document';
import { NewFromTemplateButton } from '../../renderer/panels/TemplateGallery';
import { emptyNetwork, templatesFromModules, thumbnailOf } from '../../renderer/panels/template-gallery';
import { analyze } from '../../src/analysis/analyze';
import { lenet } from './doc-fixtures';
import { renderInApp } from './render-app';

afterEach(cleanup);

const chainDoc = (n: number): Pick<Doc, 'layers' | 'edges'> => ({
  layers: Array.from({ length: n }, (_, i) => ({
    id: `l${i}`,
    kind: i === 0 ? 'input' : 'dense',
    name: `l${i}`,
    params: {},
    position: { x: 0, y: i * 80 },
    block: null,
  })),
  edges: Array.from({ length: n - 1 }, (_, i) => ({
    id: `e${i}`,
    source: `l${i}`,
    target: `l${i + 1}`,
    targetPort: 0,
  })),
});

describe('template gallery helpers', () => {
  it('orders the bundled templates simplest first and names them by file', () => {
    const modules = import.meta.glob('../../assets/templates/*.json', { eager: true, import: 'default' });
    const ids = templatesFromModules(modules).map((t) => t.id);
    expect(ids.slice(0, 4)).toEqual(['mlp-toy2d', 'mlp-fashion', 'lenet', 'lenet-bn']);
    expect(ids).toContain('resnet18-small');
  });

  it('makes an empty network of an unconnected Input and Output, keeping data and training', () => {
    const from = { ...lenet(), training: { ...DEFAULT_TRAINING, epochs: 3 } };
    const doc = emptyNetwork(from, 'Untitled');
    expect(doc.layers.map((l) => l.kind)).toEqual(['input', 'output']);
    expect(doc.edges).toEqual([]);
    expect(doc.training.epochs).toBe(3);
    expect(doc.dataset).toEqual(from.dataset);
    expect(analyze(doc).totals.total).toBe(0);
  });

  it('fits a thumbnail inside its box and wires sources to targets', () => {
    const th = thumbnailOf(chainDoc(4), 96, 120);
    expect(th.boxes).toHaveLength(4);
    expect(th.wires).toHaveLength(3);
    for (const b of th.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(96.001);
      expect(b.y + b.height).toBeLessThanOrEqual(120.001);
    }
    const [w] = th.wires;
    expect(w!.y1).toBeCloseTo(th.boxes[0]!.y + th.boxes[0]!.height);
    expect(w!.y2).toBeCloseTo(th.boxes[1]!.y);
    expect(th.boxes[0]!.category).toBe('input');
  });

  it('stretches a deep, narrow network sideways but keeps a short one in proportion', () => {
    const deep = thumbnailOf(chainDoc(60), 96, 120);
    expect(deep.boxes[0]!.width).toBeGreaterThan(40);
    const short = thumbnailOf(chainDoc(2), 96, 120);
    const b = short.boxes[0]!;
    expect(b.width / b.height).toBeCloseTo(216 / 46);
  });

  it('draws nothing for an empty document', () => {
    expect(thumbnailOf({ layers: [], edges: [] }, 96, 120).boxes).toEqual([]);
  });
});

describe('TemplateGallery', () => {
  it('opens a labelled dialog listing templates with parameter counts', () => {
    renderInApp(<NewFromTemplateButton />);
    fireEvent.click(screen.getByRole('button', { name: 'New from template…' }));
    const dialog = screen.getByRole('dialog', { name: 'New from template' });
    const resnet = within(dialog).getByRole('button', { name: 'ResNet-18 (small)' });
    expect(resnet.textContent).toMatch(/703,578 parameters/);
    expect(within(dialog).getByRole('button', { name: 'New (empty)' })).toBeTruthy();
  });

  it('replaces the document as one undoable step', () => {
    const { stores } = renderInApp(<NewFromTemplateButton />);
    const before = stores.document.getState().doc;
    fireEvent.click(screen.getByRole('button', { name: 'New from template…' }));
    fireEvent.click(screen.getByRole('button', { name: 'ResNet-18 (small)' }));
    const doc = stores.document.getState().doc;
    expect(doc.name).toBe('ResNet-18 (small)');
    expect(doc.layers.some((l) => l.kind === 'add')).toBe(true);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stores.document.getState().undo()).toBe(true);
    expect(stores.document.getState().doc).toBe(before);
  });

  it('starts an empty network with just an Input and an Output', () => {
    const { stores } = renderInApp(<NewFromTemplateButton />);
    fireEvent.click(screen.getByRole('button', { name: 'New from template…' }));
    fireEvent.click(screen.getByRole('button', { name: 'New (empty)' }));
    expect(stores.document.getState().doc.layers.map((l) => l.kind)).toEqual(['input', 'output']);
  });

  it('closes without changes', () => {
    const { stores } = renderInApp(<NewFromTemplateButton />);
    const before = stores.document.getState().doc;
    fireEvent.click(screen.getByRole('button', { name: 'New from template…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stores.document.getState().doc).toBe(before);
  });
});
