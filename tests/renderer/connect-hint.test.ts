import { describe, expect, it } from 'vitest';
import { connectHint } from '../../renderer/canvas/connect-hint';
import { connectCommand } from '../../renderer/canvas/flow-changes';
import { addLayer } from '../../src/graph/commands';
import { lenet, must } from './doc-fixtures';

describe('connectHint: what releasing a dragged wire does', () => {
  const doc = must(addLayer(lenet(), { id: 'x', kind: 'dense', position: { x: 0, y: 0 } }));
  const hint = (source: string, target: string, handle = 'in-0') =>
    connectHint(doc, { source, target, targetHandle: handle });
  const x = doc.layers.find((l) => l.id === 'x')!.name;

  it('connects to a free input', () => {
    expect(hint('conv1', 'x')).toEqual({ kind: 'connect', names: { source: 'conv1', target: x } });
  });
  it('names the wire a connection to a taken input replaces', () => {
    const h = hint('input', 'bn1');
    expect(h).toEqual({ kind: 'replace', names: { source: 'input', target: 'bn1' }, old: 'conv1' });
  });
  it('gives the rule that refuses a wire, with its values', () => {
    expect(hint('bn1', 'conv1')).toMatchObject({ kind: 'refused', reason: 'cycle' });
    expect(hint('x', 'input')).toMatchObject({ kind: 'refused', reason: 'target-has-no-input' });
    expect(hint('x', 'x')).toMatchObject({ kind: 'refused', reason: 'self-loop' });
    expect(hint('output', 'x')).toMatchObject({ kind: 'refused', reason: 'source-has-no-output' });
  });
  it('says nothing for a wire that exists already or an end that is not a layer', () => {
    expect(hint('input', 'conv1')).toBeNull();
    expect(hint('block:b1', 'x')).toBeNull();
  });
  it('agrees with the connect command on every pair of layers', () => {
    for (const s of doc.layers)
      for (const t of doc.layers) {
        const h = hint(s.id, t.id);
        const r = connectCommand({ source: s.id, target: t.id, targetHandle: 'in-0' })(doc);
        expect(r.ok, `${s.id} -> ${t.id}`).toBe(h?.kind !== 'refused');
        if (!r.ok && h?.kind === 'refused') expect(r.error.code).toBe(h.reason);
      }
  });
});
