import { describe, expect, it } from 'vitest';
import { addLayer, connectPorts, moveLayers, removeLayers, setLayerParam } from '../../../src/graph/commands';
import { checkConnection } from '../../../src/graph/connect-rules';
import { emptyDoc, chain } from './doc-helpers';
import { emptyHistory, record, redo, undo } from '../../../src/history/history';

describe('graph commands', () => {
  it('adds a layer with default parameters and a fresh name', () => {
    const a = addLayer(emptyDoc(), { id: 'a', kind: 'conv2d', position: { x: 1, y: 2 } });
    const b = a.ok ? addLayer(a.value, { id: 'b', kind: 'conv2d', position: { x: 0, y: 0 } }) : a;
    expect(b.ok && b.value.layers.map((l) => l.name)).toEqual(['conv2d1', 'conv2d2']);
    expect(b.ok && b.value.layers[0]!.params).toMatchObject({ filters: 16, kernelSize: 3, padding: 'valid' });
  });

  it('refuses unknown kinds and duplicate ids, leaving the document unchanged', () => {
    const doc = chain([['input']]);
    expect(addLayer(doc, { id: 'x', kind: 'wormhole', position: { x: 0, y: 0 } })).toMatchObject({ ok: false, error: { code: 'unknown-kind' } });
    expect(addLayer(doc, { id: 'l0', kind: 'dense', position: { x: 0, y: 0 } })).toMatchObject({ ok: false, error: { code: 'duplicate-id' } });
  });

  it('removes a layer with its wires', () => {
    const doc = chain([['input'], ['flatten'], ['output']]);
    const r = removeLayers(doc, ['l1']);
    expect(r.ok && r.value.edges).toEqual([]);
    expect(r.ok && r.value.layers.map((l) => l.id)).toEqual(['l0', 'l2']);
  });

  it('type-checks parameter values', () => {
    const doc = chain([['input'], ['conv2d']]);
    expect(setLayerParam(doc, 'l1', 'filters', 2.5)).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(setLayerParam(doc, 'l1', 'padding', 'diagonal')).toMatchObject({ ok: false, error: { code: 'bad-value' } });
    expect(setLayerParam(doc, 'l1', 'nope', 1)).toMatchObject({ ok: false, error: { code: 'unknown-param' } });
    const r = setLayerParam(doc, 'l1', 'filters', 32);
    expect(r.ok && r.value.layers[1]!.params.filters).toBe(32);
    expect(doc.layers[1]!.params.filters).toBe(16);
  });

  it('moves layers', () => {
    const doc = chain([['input'], ['flatten']]);
    const r = moveLayers(doc, new Map([['l1', { x: 100, y: 5 }]]));
    expect(r.ok && r.value.layers[1]!.position).toEqual({ x: 100, y: 5 });
  });
});

describe('connect rules', () => {
  const doc = chain([['input'], ['flatten'], ['dense'], ['output']]);
  it.each([
    ['l1', 'l1', 0, 'self-loop'],
    ['l3', 'l1', 0, 'source-has-no-output'],
    ['l1', 'l0', 0, 'target-has-no-input'],
    ['l0', 'l2', 1, 'port-out-of-range'],
    ['l0', 'l2', 0, 'port-taken'],
    ['l0', 'l1', 0, 'duplicate'],
    ['l2', 'missing', 0, 'unknown-layer'],
  ] as const)('%s -> %s port %d is refused: %s', (s, t, port, reason) => {
    const r = checkConnection(doc, s, t, port);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe(reason);
  });

  it('refuses a wire that closes a cycle', () => {
    const loose = { ...doc, edges: doc.edges.filter((e) => e.id !== 'e2') };
    const r = checkConnection(loose, 'l2', 'l1', 0);
    expect(!r.ok && r.error.reason).toBe('port-taken');
    const r2 = checkConnection({ ...doc, edges: doc.edges.filter((e) => e.target !== 'l1') }, 'l2', 'l1', 0);
    expect(!r2.ok && r2.error.reason).toBe('cycle');
  });

  it('lets connectPorts apply the same rules', () => {
    const r = connectPorts(doc, { id: 'x', source: 'l1', target: 'l1', targetPort: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'self-loop' } });
  });
});

describe('history', () => {
  it('undoes and redoes steps, and a new step clears redo', () => {
    const d0 = chain([['input']]);
    const d1 = chain([['input'], ['flatten']]);
    const d2 = chain([['input'], ['flatten'], ['output']]);
    let h = record(record(emptyHistory, d0, d1), d1, d2);
    const u = undo(h, d2)!;
    expect(u.doc).toBe(d1);
    const u2 = undo(u.history, u.doc)!;
    expect(u2.doc).toBe(d0);
    expect(undo(u2.history, u2.doc)).toBeNull();
    const r = redo(u2.history, u2.doc)!;
    expect(r.doc).toBe(d1);
    h = record(r.history, d1, d0);
    expect(redo(h, d0)).toBeNull();
  });
});
