import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { groupLayers } from '../../../src/graph/blocks';
import { EXAMPLE_BLOCKS, fragmentFromBlock, insertFragment } from '../../../src/graph/block-library';
import { lowestFreeId } from '../../../src/graph/clipboard';
import { connectPorts } from '../../../src/graph/commands';
import type { Doc } from '../../../src/graph/document';
import { documentSchema } from '../../../src/graph/document';
import { chain, graph } from '../core/doc-helpers';

const BLOCK = { id: 'block-1', name: 'Example' };

/** Input (28x28x1) → Conv2D 16 same = a 28x28x16 tensor, then the fragment, then GAP → Dense 10 → Output. */
function around(frag: (typeof EXAMPLE_BLOCKS)[number]): { doc: Doc; ids: string[] } {
  let doc = chain([
    ['input'],
    ['conv2d', { filters: 16, kernelSize: 3, padding: 'same' }],
    ['global-avg-pool2d'],
    ['dense', { units: 10 }],
    ['output'],
  ]);
  // Cut the stem → GAP wire; the block goes in between.
  doc = { ...doc, edges: doc.edges.filter((e) => !(e.source === 'l1' && e.target === 'l2')) };
  const r = insertFragment(doc, frag, lowestFreeId, { x: 0, y: 0 }, BLOCK);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  doc = r.value.doc;
  let n = 0;
  const wire = (source: string, target: string, port: number): void => {
    const c = connectPorts(doc, { id: `x${n++}`, source, target, targetPort: port });
    if (!c.ok) throw new Error(JSON.stringify(c.error));
    doc = c.value;
  };
  for (const entry of frag.entries) wire('l1', r.value.idMap.get(entry.layer)!, entry.port);
  wire(r.value.idMap.get(frag.exit!)!, 'l2', 0);
  return { doc, ids: r.value.ids };
}

describe('example blocks', () => {
  it('ships VGG, residual and inception blocks', () => {
    expect(EXAMPLE_BLOCKS.map((b) => b.id)).toEqual(['example-vgg', 'example-residual', 'example-inception']);
    expect(EXAMPLE_BLOCKS.map((b) => b.clip.layers.length)).toEqual([3, 7, 8]);
  });

  it.each(EXAMPLE_BLOCKS.map((b) => [b.name, b] as const))(
    '%s pasted after a 16-channel layer gives a valid graph without errors',
    (_name, frag) => {
      const { doc, ids } = around(frag);
      expect(documentSchema.safeParse(doc).success).toBe(true);
      const a = analyze(doc);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(a.order).toHaveLength(5 + frag.clip.layers.length);
      for (const id of ids) expect(a.shapes.get(id)).toBeDefined();
      expect(a.outputShape).toEqual([null, 10]);
    },
  );

  it('the residual Add really takes the block input as its skip (a channel change breaks it)', () => {
    const res = EXAMPLE_BLOCKS[1]!;
    let doc = chain([['input'], ['conv2d', { filters: 8, kernelSize: 3, padding: 'same' }]]);
    const r = insertFragment(doc, res, lowestFreeId, { x: 0, y: 0 }, BLOCK);
    if (!r.ok) throw new Error('insert failed');
    doc = r.value.doc;
    res.entries.forEach((e, i) => {
      const c = connectPorts(doc, {
        id: `s${i}`,
        source: 'l1',
        target: r.value.idMap.get(e.layer)!,
        targetPort: e.port,
      });
      if (!c.ok) throw new Error('wire failed');
      doc = c.value;
    });
    const codes = analyze(doc).diagnostics.map((d) => d.code);
    expect(codes).toContain('shape/add-mismatch');
  });
});

describe('insertFragment', () => {
  it('pastes with fresh ids, centred, grouped into one expanded named block', () => {
    const base = graph([['conv2d-1', 'conv2d']], []);
    const vgg = EXAMPLE_BLOCKS[0]!;
    const r = insertFragment(
      base,
      vgg,
      lowestFreeId,
      { x: 500, y: 300 },
      { id: 'block-7', name: 'VGG block' },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { doc, ids, blockId } = r.value;
    expect(ids).toEqual(['conv2d-2', 'conv2d-3', 'max-pool2d-1']);
    expect(blockId).toBe('block-7');
    expect(doc.blocks).toEqual([{ id: 'block-7', name: 'VGG block', collapsed: false }]);
    const added = doc.layers.filter((l) => ids.includes(l.id));
    expect(added.every((l) => l.block === 'block-7')).toBe(true);
    expect(added.map((l) => l.position.y)).toEqual([210, 300, 390]);
    expect(doc.edges).toHaveLength(2);
    expect(base.layers).toHaveLength(1);
  });

  it('refuses a fragment with an unknown kind, leaving nothing half-done', () => {
    const bad = structuredClone(EXAMPLE_BLOCKS[0]!);
    bad.clip.layers[1]!.kind = 'quantum-layer';
    const r = insertFragment(graph([], []), bad, lowestFreeId, { x: 0, y: 0 }, BLOCK);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unknown-kind');
  });
});

describe('fragmentFromBlock', () => {
  it('takes the block layers, internal wires, entries from outside and the exit', () => {
    const doc0 = chain([['input'], ['conv2d'], ['batch-norm'], ['activation'], ['flatten']]);
    const g = groupLayers(doc0, ['l1', 'l2', 'l3'], { id: 'b', name: 'Stem' });
    if (!g.ok) throw new Error('group failed');
    const frag = fragmentFromBlock(g.value, 'b', 'user-1', 'Stem');
    expect(frag).not.toBeNull();
    expect(frag!.clip.layers.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
    expect(frag!.clip.layers.every((l) => l.block === null)).toBe(true);
    expect(frag!.clip.edges.map((e) => e.id)).toEqual(['e2', 'e3']);
    expect(frag!.entries).toEqual([{ layer: 'l1', port: 0 }]);
    expect(frag!.exit).toBe('l3');
    expect(fragmentFromBlock(g.value, 'nope', 'x', 'x')).toBeNull();
  });
});
