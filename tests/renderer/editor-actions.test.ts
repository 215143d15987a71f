import { describe, expect, it } from 'vitest';
import { elkLayout, positionsFromElk, toElkGraph } from '../../renderer/canvas/auto-layout';
import {
  copySelection,
  cutSelection,
  duplicateSelection,
  pasteClipboard,
  selectAll,
  type SystemClipboard,
} from '../../renderer/state/edit-actions';
import { createAppStores } from '../../renderer/state/create-stores';
import { shortcutOf } from '../../renderer/state/use-shortcuts';
import { summaryRows } from '../../renderer/panels/summary-rows';
import { analyze } from '../../src/analysis/analyze';
import { CLIPBOARD_FORMAT } from '../../src/graph/clipboard';
import { lenet } from './doc-fixtures';
import { fakeTrainer } from './render-app';

const stores = () => createAppStores(lenet(), fakeTrainer());

/** A system clipboard that refuses everything, as a page without permission sees it. */
const denied: SystemClipboard = {
  writeText: () => Promise.reject(new Error('denied')),
  readText: () => Promise.reject(new Error('denied')),
};

/** A working system clipboard shared by two windows. */
function sharedClipboard(): SystemClipboard & { text: string } {
  const c = { text: '', writeText: async (t: string) => void (c.text = t), readText: async () => c.text };
  return c;
}

describe('clipboard actions', () => {
  it('copy and paste work without clipboard permission, as one undo step', async () => {
    const s = stores();
    s.session.getState().select({ nodes: ['conv1', 'bn1'], edges: [] });
    expect(copySelection(s, denied)).toBe(true);
    const before = s.document.getState().doc;
    expect(await pasteClipboard(s, denied)).toBe(true);
    const after = s.document.getState().doc;
    expect(after.layers).toHaveLength(before.layers.length + 2);
    expect(after.edges).toHaveLength(before.edges.length + 1);
    expect(s.session.getState().selection.nodes).toEqual(['conv2d-1', 'batch-norm-1']);
    const pasted = after.layers.find((l) => l.id === 'conv2d-1')!;
    const original = before.layers.find((l) => l.id === 'conv1')!;
    expect(pasted.position).toEqual({ x: original.position.x + 40, y: original.position.y + 40 });
    // A second paste lands further off.
    await pasteClipboard(s, denied);
    expect(s.document.getState().doc.layers.find((l) => l.id === 'conv2d-2')!.position.x).toBe(
      original.position.x + 80,
    );
    s.document.getState().undo();
    s.document.getState().undo();
    expect(s.document.getState().doc).toBe(before);
  });

  it('pastes between two windows through the system clipboard', async () => {
    const clip = sharedClipboard();
    const a = stores();
    const b = createAppStores({ ...lenet(), layers: [], edges: [] }, fakeTrainer());
    a.session.getState().select({ nodes: ['conv1', 'bn1'], edges: [] });
    copySelection(a, clip);
    await Promise.resolve();
    expect(JSON.parse(clip.text).format).toBe(CLIPBOARD_FORMAT);
    expect(await pasteClipboard(b, clip)).toBe(true);
    expect(b.document.getState().doc.layers.map((l) => l.name)).toEqual(['conv1', 'bn1']);
  });

  it('keeps the copy when another project is opened', async () => {
    const s = stores();
    s.session.getState().select({ nodes: ['conv1'], edges: [] });
    copySelection(s, null);
    s.document.getState().load({ ...lenet(), layers: [], edges: [] });
    expect(await pasteClipboard(s, null)).toBe(true);
    expect(s.document.getState().doc.layers.map((l) => l.name)).toEqual(['conv1']);
  });

  it('cut removes the selection; duplicate and select all', () => {
    const s = stores();
    const n = s.document.getState().doc.layers.length;
    s.session.getState().select({ nodes: ['flatten'], edges: [] });
    expect(cutSelection(s, null)).toBe(true);
    expect(s.document.getState().doc.layers).toHaveLength(n - 1);
    s.document.getState().undo();
    s.session.getState().select({ nodes: ['conv1', 'bn1'], edges: [] });
    expect(duplicateSelection(s)).toBe(true);
    expect(s.document.getState().doc.layers).toHaveLength(n + 2);
    selectAll(s);
    expect(s.session.getState().selection.nodes).toHaveLength(n + 2);
    expect(s.session.getState().selection.edges).toHaveLength(s.document.getState().doc.edges.length);
  });

  it('an undo that removes selected layers takes them out of the selection', () => {
    const s = stores();
    s.session.getState().select({ nodes: ['conv1', 'bn1'], edges: [] });
    expect(duplicateSelection(s)).toBe(true);
    const pasted = s.session.getState().selection;
    expect(pasted.nodes).toHaveLength(2);
    s.session.getState().select({ nodes: [...pasted.nodes, 'flatten'], edges: pasted.edges });
    s.document.getState().undo();
    // The copies are gone, and so is their selection; the surviving layer stays selected.
    expect(s.session.getState().selection).toEqual({ nodes: ['flatten'], edges: [] });
    s.document.getState().redo();
    expect(s.session.getState().selection.nodes).toEqual(['flatten']);
  });
});

describe('shortcutOf', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
    ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods }) as KeyboardEvent;
  it('maps the editing keys', () => {
    expect(shortcutOf(key('a', { ctrlKey: true }))).toBe('selectAll');
    expect(shortcutOf(key('c', { metaKey: true }))).toBe('copy');
    expect(shortcutOf(key('x', { ctrlKey: true }))).toBe('cut');
    expect(shortcutOf(key('v', { ctrlKey: true }))).toBe('paste');
    expect(shortcutOf(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(shortcutOf(key('L', { ctrlKey: true, shiftKey: true }))).toBe('arrange');
    expect(shortcutOf(key('F', { ctrlKey: true, shiftKey: true }))).toBe('fit');
    expect(shortcutOf(key('c'))).toBeNull();
    expect(shortcutOf(key('c', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('summaryRows', () => {
  it('lists layers in computation order with shapes, params and MACs, and totals', () => {
    const doc = lenet();
    const analysis = analyze(doc);
    const { rows, totals } = summaryRows(doc, analysis);
    expect(rows).toHaveLength(doc.layers.length);
    expect(rows[0]).toMatchObject({ kind: 'input' });
    const conv = rows.find((r) => r.id === 'conv1')!;
    expect(conv).toMatchObject({ shape: '[?, 24, 24, 6]', params: 156 });
    expect(conv.macs).toBeGreaterThan(0);
    expect(totals.params).toBe(rows.reduce((a, r) => a + (r.params ?? 0), 0));
    expect(totals.params).toBe(totals.trainable + totals.nonTrainable);
  });
});

describe('auto-layout', () => {
  it('builds an ELK graph with fixed ports in port order', () => {
    const g = toElkGraph(lenet(), {});
    expect(g.layoutOptions?.['elk.direction']).toBe('DOWN');
    expect(g.children).toHaveLength(lenet().layers.length);
    expect(g.edges![0]!.sources[0]).toMatch(/::out$/);
  });

  it("lays LeNet out top to bottom, keeping the drawing's top-left corner", async () => {
    const doc = lenet();
    const positions = await elkLayout(doc, {});
    for (const e of doc.edges) expect(positions.get(e.target)!.y).toBeGreaterThan(positions.get(e.source)!.y);
    const minY = Math.min(...doc.layers.map((l) => l.position.y));
    expect(Math.min(...[...positions.values()].map((p) => p.y))).toBe(minY);
  });

  it('returns nothing for an empty result', () => {
    expect(positionsFromElk({ id: 'root' }, { layers: [] }).size).toBe(0);
  });
});
