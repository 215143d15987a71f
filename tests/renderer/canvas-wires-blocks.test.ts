import { describe, expect, it } from 'vitest';
import {
  blockNodeId,
  collapseView,
  exitLayers,
  tabStops,
  visibleNodeOf,
  type BlockFlowNode,
} from '../../renderer/canvas/block-view';
import { NODE_SIZE_GUESS } from '../../renderer/canvas/drag-kind';
import { toFlowEdges, toFlowNodes } from '../../renderer/canvas/flow-nodes';
import {
  AFTER_GAP,
  centreBelow,
  insertAfterCommand,
  noFragmentOutcome,
  wireAfter,
} from '../../renderer/canvas/fragment-wiring';
import { createDocumentStore } from '../../renderer/state/document-store';
import { NO_SELECTION } from '../../renderer/state/session-store';
import { analyze } from '../../src/analysis/analyze';
import { EXAMPLE_BLOCKS, insertFragment, type BlockFragment } from '../../src/graph/block-library';
import { groupLayers, setBlockCollapsed } from '../../src/graph/blocks';
import { lowestFreeId } from '../../src/graph/clipboard';
import { addLayer } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { formatShape } from '../../src/tensor/shape';
import { lenet, lenetWithDenseOnImage, must } from './doc-fixtures';

const example = (id: string): BlockFragment => EXAMPLE_BLOCKS.find((b) => b.id === `example-${id}`)!;
const block = { id: 'b9', name: 'Added' };
const layer = (doc: Doc, id: string) => doc.layers.find((l) => l.id === id)!;
const wiresFrom = (doc: Doc, id: string) => doc.edges.filter((e) => e.source === id);

describe('Tab order on the canvas', () => {
  it('puts each layer before the wires that leave it', () => {
    const doc = lenet();
    const stops = tabStops(doc);
    expect(stops.slice(0, 4)).toEqual([
      { kind: 'node', id: 'input' },
      { kind: 'edge', id: 'e-input-conv1' },
      { kind: 'node', id: 'conv1' },
      { kind: 'edge', id: 'e-conv1-bn1' },
    ]);
    expect(stops).toHaveLength(doc.layers.length + doc.edges.length);
    expect(stops.at(-1)).toEqual({ kind: 'node', id: 'output' });
  });
  it('stops at a collapsed block and the wires leaving it, never at wires inside it', () => {
    const doc = must(groupLayers(lenet(), ['conv1', 'bn1'], { id: 'b1', name: 'Stem' }));
    const stops = tabStops(doc);
    expect(stops.slice(0, 4)).toEqual([
      { kind: 'node', id: 'input' },
      { kind: 'edge', id: 'e-input-conv1' },
      { kind: 'node', id: blockNodeId('b1') },
      { kind: 'edge', id: 'e-bn1-sigmoid1' },
    ]);
    expect(stops.some((s) => s.id === 'e-conv1-bn1')).toBe(false);
    expect(visibleNodeOf(doc, 'bn1')).toBe(blockNodeId('b1'));
    expect(visibleNodeOf(must(setBlockCollapsed(doc, 'b1', false)), 'bn1')).toBe('bn1');
    expect(visibleNodeOf(doc, 'sigmoid1')).toBe('sigmoid1');
  });
});

describe('a collapsed block node', () => {
  const view = (doc: Doc): BlockFlowNode => {
    const analysis = analyze(doc);
    const nodes = toFlowNodes(doc, analysis, NO_SELECTION, {}, (k) => k);
    const edges = toFlowEdges(doc, analysis, NO_SELECTION, () => '');
    const out = collapseView(
      doc,
      nodes,
      edges,
      NO_SELECTION,
      (k) => k,
      'Block',
      (n, m) => `${n} says ${m}`,
    );
    return out.nodes.find((n) => n.type === 'block') as BlockFlowNode;
  };
  it('shows its exit layer output shape and the sum of its parameters', () => {
    const doc = must(groupLayers(lenet(), ['conv1', 'bn1'], { id: 'b1', name: 'Stem' }));
    const analysis = analyze(doc);
    const data = view(doc).data;
    const count = (id: string) => analysis.params.get(id)!;
    expect(data.shapes).toEqual([formatShape(analysis.shapes.get('bn1')!)]);
    expect(data.shapes).toEqual(['[?, 24, 24, 6]']);
    expect(data.params).toBe(count('conv1').trainable + count('bn1').trainable + count('bn1').nonTrainable);
    expect(data.params).toBe(156 + 24);
    expect(data.problem).toBeNull();
  });
  it('shows the worst problem inside, naming its layer', () => {
    const base = lenetWithDenseOnImage();
    const doc = must(groupLayers(base, ['bn1', 'd'], { id: 'b1', name: 'Broken' }));
    const name = layer(doc, 'd').name;
    const problem = view(doc).data.problem!;
    expect(problem.severity).toBe('error');
    expect(problem.message.startsWith(`${name} says `)).toBe(true);
  });
  it('finds exits: members wired out of it, else members that feed nothing', () => {
    const doc = lenet();
    const members = doc.layers.filter((l) => l.id === 'conv1' || l.id === 'bn1');
    expect(exitLayers(members, doc.edges).map((l) => l.id)).toEqual(['bn1']);
    const unwired = doc.edges.filter((e) => e.source !== 'bn1');
    expect(exitLayers(members, unwired).map((l) => l.id)).toEqual(['bn1']);
    expect(exitLayers(members, []).map((l) => l.id)).toEqual(['conv1', 'bn1']);
  });
});

describe('inserting a block after the selected layer', () => {
  it('wires the layer into the entry and re-routes its wires from the exit, one undo step', () => {
    const store = createDocumentStore(lenet());
    const start = store.getState().doc;
    const out = noFragmentOutcome();
    const cmd = insertAfterCommand(example('vgg'), block, 'conv1', 46, lowestFreeId, out);
    expect(store.getState().apply(cmd)).toBeNull();
    const doc = store.getState().doc;
    const [conv, , pool] = out.ids;
    expect(out.refused).toBeNull();
    expect(out.rerouted).toEqual(['bn1']);
    expect(wiresFrom(doc, 'conv1').map((e) => [e.target, e.targetPort])).toEqual([[conv, 0]]);
    expect(wiresFrom(doc, pool!).map((e) => [e.target, e.targetPort])).toEqual([['bn1', 0]]);
    expect(doc.edges.filter((e) => e.target === 'bn1')).toHaveLength(1);
    expect(analyze(doc).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Nothing else moved; the block is below conv1 (beside the column, which is taken).
    for (const l of start.layers) expect(layer(doc, l.id).position).toEqual(l.position);
    expect(layer(doc, conv!).position.y).toBe(layer(doc, 'conv1').position.y + 46 + AFTER_GAP);
    expect(layer(doc, conv!).position.x).toBeGreaterThanOrEqual(NODE_SIZE_GUESS.width);
    expect(doc.blocks?.find((b) => b.id === 'b9')?.collapsed).toBe(false);
    store.getState().undo();
    expect(store.getState().doc).toBe(start);
    store.getState().redo();
    expect(store.getState().doc).toBe(doc);
  });
  it('feeds every entry port of a block, such as the skip of a residual block', () => {
    let doc = must(addLayer(lenet(), { id: 'x', kind: 'conv2d', position: { x: 900, y: 0 } }));
    const out = noFragmentOutcome();
    doc = must(insertAfterCommand(example('residual'), block, 'x', 46, lowestFreeId, out)(doc));
    const ids = new Map(example('residual').clip.layers.map((l, i) => [l.id, out.ids[i]!]));
    expect(wiresFrom(doc, 'x').map((e) => [e.target, e.targetPort])).toEqual([
      [ids.get('res_conv1'), 0],
      [ids.get('res_add'), 1],
    ]);
    expect(out.rerouted).toEqual([]);
    // Free space straight below: the entry sits right under the layer.
    expect(layer(doc, ids.get('res_conv1')!).position).toEqual({ x: 900, y: 46 + AFTER_GAP });
  });
  it('inserts unwired, saying why, when the rules refuse a wire', () => {
    const start = lenet();
    const out = noFragmentOutcome();
    const doc = must(insertAfterCommand(example('vgg'), block, 'output', 46, lowestFreeId, out)(start));
    expect(out.refused?.code).toBe('source-has-no-output');
    expect(out.ids).toHaveLength(3);
    expect(doc.edges.filter((e) => out.ids.includes(e.source) || out.ids.includes(e.target))).toHaveLength(2);
    expect(doc.edges.filter((e) => !out.ids.includes(e.source))).toEqual(start.edges);
  });
  it('keeps the layer wires when the block has no exit', () => {
    const frag = { ...example('vgg'), exit: null };
    const doc = lenet();
    const inserted = must2(insertFragment(doc, frag, lowestFreeId, { x: 600, y: 0 }, block));
    const wired = wireAfter(inserted.doc, frag, inserted.idMap, 'conv1');
    expect(wired.ok && wired.value.rerouted).toEqual([]);
    expect(wired.ok && wiresFrom(wired.value.doc, 'conv1').map((e) => e.target)).toEqual([
      'bn1',
      inserted.idMap.get('vgg_conv1'),
    ]);
  });
  it('places the entry under the anchor when there is room', () => {
    const frag = example('inception');
    const anchor = { ...layer(lenet(), 'conv1'), position: { x: 2000, y: 10 } };
    const centre = centreBelow(frag, { layers: [anchor] }, anchor, 60);
    const inserted = must2(insertFragment(lenet(), frag, lowestFreeId, centre, block));
    const entry = layer(inserted.doc, inserted.idMap.get('inc_1x1')!);
    expect(entry.position.x).toBe(2000);
    const top = Math.min(...inserted.ids.map((id) => layer(inserted.doc, id).position.y));
    expect(top).toBe(10 + 60 + AFTER_GAP);
  });
});

function must2<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}
