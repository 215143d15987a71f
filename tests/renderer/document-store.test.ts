import { describe, expect, it } from 'vitest';
import { addLayer, moveLayers, setLayerParam } from '../../src/graph/commands';
import { createDocumentStore } from '../../renderer/state/document-store';
import { lenet } from './doc-fixtures';

describe('document store', () => {
  it('records each command outside a gesture as one undo step', () => {
    const store = createDocumentStore(lenet());
    const start = store.getState().doc;
    expect(store.getState().apply((d) => setLayerParam(d, 'conv1', 'filters', 8))).toBeNull();
    expect(
      store.getState().apply((d) => addLayer(d, { id: 'x', kind: 'dropout', position: { x: 0, y: 0 } })),
    ).toBeNull();
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc).toBe(start);
    store.getState().redo();
    expect(store.getState().doc.layers.find((l) => l.id === 'conv1')!.params['filters']).toBe(8);
  });

  it('makes a whole drag one undo step and keeps the analysis while moving', () => {
    const store = createDocumentStore(lenet());
    const start = store.getState().doc;
    const analysis = store.getState().analysis;
    store.getState().beginGesture();
    for (let i = 1; i <= 5; i++)
      store.getState().apply((d) => moveLayers(d, new Map([['conv1', { x: i, y: i }]])));
    store.getState().endGesture();
    expect(store.getState().analysis).toBe(analysis);
    expect(store.getState().history.past).toEqual([start]);
    store.getState().undo();
    expect(store.getState().doc).toBe(start);
  });

  it('returns the refusal and leaves the document unchanged', () => {
    const store = createDocumentStore(lenet());
    const before = store.getState().doc;
    const error = store.getState().apply((d) => setLayerParam(d, 'conv1', 'filters', 'many'));
    expect(error?.code).toBe('bad-value');
    expect(store.getState().doc).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('re-analyzes on structural edits and clears history on load', () => {
    const store = createDocumentStore(lenet());
    store.getState().apply((d) => setLayerParam(d, 'conv1', 'filters', 8));
    expect(store.getState().analysis.shapes.get('conv1')).toEqual([null, 24, 24, 8]);
    store.getState().load(lenet());
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().loadCount).toBe(1);
    expect(store.getState().analysis.shapes.get('conv1')).toEqual([null, 24, 24, 6]);
  });
});
