import { describe, expect, it } from 'vitest';
import {
  CLIPBOARD_FORMAT,
  copyLayers,
  duplicateLayers,
  freshName,
  lowestFreeId,
  parseClipboard,
  pasteLayers,
  type ClipboardData,
} from '../../../src/graph/clipboard';
import { checkConnection } from '../../../src/graph/connect-rules';
import { documentSchema } from '../../../src/graph/document';
import { chain, emptyDoc, template } from '../core/doc-helpers';

const OFFSET = { x: 40, y: 40 };

describe('copyLayers', () => {
  it('takes the chosen layers and only the wires among them', () => {
    const doc = chain([['input'], ['flatten'], ['dense'], ['output']]);
    const clip = copyLayers(doc, ['l1', 'l2']);
    expect(clip.format).toBe(CLIPBOARD_FORMAT);
    expect(clip.layers.map((l) => l.id)).toEqual(['l1', 'l2']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
  });
});

describe('parseClipboard', () => {
  it('reads its own JSON and refuses anything else', () => {
    const clip = copyLayers(chain([['input'], ['flatten']]), ['l0', 'l1']);
    expect(parseClipboard(JSON.stringify(clip))).toEqual(clip);
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"format":"other"}')).toBeNull();
    expect(parseClipboard(JSON.stringify({ ...clip, layers: [{ id: 1 }] }))).toBeNull();
  });
});

describe('pasteLayers', () => {
  it('gives fresh ids and names, offsets positions and rewires internal edges', () => {
    const doc = chain([['input'], ['flatten'], ['dense'], ['output']]);
    const r = pasteLayers(doc, copyLayers(doc, ['l1', 'l2']), lowestFreeId, OFFSET);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { doc: next, ids, droppedEdges } = r.value;
    expect(ids).toEqual(['flatten-1', 'dense-1']);
    expect(droppedEdges).toBe(0);
    const pasted = next.layers.slice(-2);
    expect(pasted.map((l) => l.name)).toEqual(['flatten1 copy', 'dense1 copy']);
    expect(pasted[0]!.position).toEqual({ x: 40, y: 140 });
    expect(next.edges.slice(-1)).toEqual([
      { id: 'flatten-1->dense-1:0', source: 'flatten-1', target: 'dense-1', targetPort: 0 },
    ]);
    expect(documentSchema.safeParse(next).success).toBe(true);
    expect(doc.layers).toHaveLength(4); // the input document is untouched
  });

  it('keeps names that are free in the target document (paste into another project)', () => {
    const source = template('lenet-bn');
    const clip = copyLayers(source, ['conv1', 'bn1']);
    const r = pasteLayers(emptyDoc(), clip, lowestFreeId, OFFSET);
    expect(r.ok && r.value.doc.layers.map((l) => [l.id, l.name])).toEqual([
      ['conv2d-1', 'conv1'],
      ['batch-norm-1', 'bn1'],
    ]);
    expect(r.ok && r.value.doc.edges).toHaveLength(1);
  });

  it('checks every wire with the connect rules and leaves refused ones out', () => {
    const doc = chain([['input'], ['dense'], ['dense']]);
    const clip: ClipboardData = {
      ...copyLayers(doc, ['l1', 'l2']),
      edges: [
        { id: 'a', source: 'l1', target: 'l2', targetPort: 0 },
        { id: 'b', source: 'l2', target: 'l1', targetPort: 0 }, // would close a loop
        { id: 'c', source: 'l1', target: 'l2', targetPort: 3 }, // no such port
        { id: 'd', source: 'l0', target: 'l1', targetPort: 0 }, // not internal
      ],
    };
    const r = pasteLayers(doc, clip, lowestFreeId, OFFSET);
    expect(r.ok && r.value.droppedEdges).toBe(2);
    if (!r.ok) return;
    const added = r.value.doc.edges.slice(doc.edges.length);
    expect(added.map((e) => [e.source, e.target])).toEqual([['dense-1', 'dense-2']]);
    for (const e of r.value.doc.edges) {
      expect(checkConnection(r.value.doc, e.source, e.target, e.targetPort, e.id).ok).toBe(true);
    }
  });

  it('refuses a clipboard with an unknown kind and returns the same document for an empty one', () => {
    const doc = chain([['input']]);
    const clip = copyLayers(doc, ['l0']);
    const bad = { ...clip, layers: [{ ...clip.layers[0]!, kind: 'warp-drive' }] };
    expect(pasteLayers(doc, bad, lowestFreeId, OFFSET)).toMatchObject({
      ok: false,
      error: { code: 'unknown-kind' },
    });
    const empty = pasteLayers(doc, copyLayers(doc, []), lowestFreeId, OFFSET);
    expect(empty.ok && empty.value.doc).toBe(doc);
  });

  it('uses the id generator it is given', () => {
    const doc = chain([['input']]);
    let n = 0;
    const r = pasteLayers(doc, copyLayers(doc, ['l0']), () => `x${++n}`, OFFSET);
    expect(r.ok && r.value.ids).toEqual(['x1']);
  });
});

describe('duplicateLayers and freshName', () => {
  it('duplicates a selection next to itself', () => {
    const doc = chain([['input'], ['flatten']]);
    const r = duplicateLayers(doc, ['l0', 'l1'], lowestFreeId, OFFSET);
    expect(r.ok && r.value.doc.layers).toHaveLength(4);
    expect(r.ok && r.value.doc.edges).toHaveLength(2);
  });

  it('numbers copies', () => {
    expect(freshName('a', new Set())).toBe('a');
    expect(freshName('a', new Set(['a']))).toBe('a copy');
    expect(freshName('a', new Set(['a', 'a copy']))).toBe('a copy 2');
  });
});
