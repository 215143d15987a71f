import { describe, expect, it } from 'vitest';
import { addLayer, disconnectLayer, spliceIntoEdge } from '../../../src/graph/commands';
import type { Doc } from '../../../src/graph/document';
import { chain } from '../core/doc-helpers';

const IDS = { in: 'a-in', out: 'a-out' };

function withLayer(doc: Doc, kind: string): Doc {
  const r = addLayer(doc, { id: 'new', kind, position: { x: 0, y: 0 } });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('spliceIntoEdge', () => {
  it('turns A→B into A→M→B, keeping the target port', () => {
    const doc = withLayer(chain([['input'], ['flatten'], ['output']]), 'dense');
    const r = spliceIntoEdge(doc, 'e2', 'new', IDS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const wires = r.value.edges.map((e) => `${e.source}>${e.target}:${e.targetPort}`);
    expect(wires).toEqual(['l0>l1:0', 'l1>new:0', 'new>l2:0']);
  });

  it('refuses a layer that cannot sit in a wire, naming the rule', () => {
    const doc = withLayer(chain([['input'], ['flatten'], ['output']]), 'input');
    const r = spliceIntoEdge(doc, 'e2', 'new', IDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('target-has-no-input');
    const out = spliceIntoEdge(withLayer(chain([['input'], ['output']]), 'output'), 'e1', 'new', IDS);
    expect(!out.ok && out.error.code).toBe('source-has-no-output');
  });

  it('refuses an unknown wire', () => {
    const doc = withLayer(chain([['input'], ['output']]), 'dense');
    expect(spliceIntoEdge(doc, 'nope', 'new', IDS).ok).toBe(false);
  });
});

describe('disconnectLayer', () => {
  it('removes the wires into and out of one layer only', () => {
    const doc = chain([['input'], ['flatten'], ['dense'], ['output']]);
    const r = disconnectLayer(doc, 'l1');
    expect(r.ok && r.value.edges.map((e) => e.id)).toEqual(['e3']);
    expect(disconnectLayer(doc, 'zz').ok).toBe(false);
  });
});
