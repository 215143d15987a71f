import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyLayers, lowestFreeId, pasteLayers } from '../../../src/graph/clipboard';
import {
  addLayer,
  connectPorts,
  moveLayers,
  removeEdges,
  removeLayers,
  renameLayer,
  setLayerParam,
  type CommandResult,
} from '../../../src/graph/commands';
import { checkConnection } from '../../../src/graph/connect-rules';
import { documentSchema, type Doc } from '../../../src/graph/document';
import { emptyHistory, record, undo, type History } from '../../../src/history/history';
import { LAYER_SPECS, specOf } from '../../../src/layers/registry';
import type { ParamValue } from '../../../src/layers/spec';
import { emptyDoc, template } from '../core/doc-helpers';

/** A random editing command, with layers and edges picked by index into the current document. */
type Op =
  | { op: 'add'; kind: number; x: number; y: number }
  | { op: 'remove'; picks: number[] }
  | { op: 'connect'; source: number; target: number; port: number }
  | { op: 'disconnect'; edge: number }
  | { op: 'move'; layer: number; x: number; y: number }
  | { op: 'param'; layer: number; param: number; value: number; valid: boolean }
  | { op: 'rename'; layer: number; name: string }
  | { op: 'paste'; picks: number[]; dx: number; dy: number }
  | { op: 'bad'; which: number };

const coord = fc.integer({ min: -2000, max: 2000 });
const pick = fc.nat(1000);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), kind: pick, x: coord, y: coord }) },
  fc.record({ op: fc.constant('remove' as const), picks: fc.array(pick, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('connect' as const), source: pick, target: pick, port: fc.nat(3) }),
  // Towards a later layer, into its first free port: these mostly succeed.
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('connect' as const),
      source: pick,
      target: fc.constant(-1),
      port: fc.constant(-1),
    }),
  },
  fc.record({ op: fc.constant('disconnect' as const), edge: pick }),
  fc.record({ op: fc.constant('move' as const), layer: pick, x: coord, y: coord }),
  fc.record({
    op: fc.constant('param' as const),
    layer: pick,
    param: pick,
    value: pick,
    valid: fc.boolean(),
  }),
  fc.record({ op: fc.constant('rename' as const), layer: pick, name: fc.string({ maxLength: 12 }) }),
  fc.record({
    op: fc.constant('paste' as const),
    picks: fc.array(pick, { minLength: 1, maxLength: 4 }),
    dx: coord,
    dy: coord,
  }),
  fc.record({ op: fc.constant('bad' as const), which: fc.nat(3) }),
);

const at = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

/** A value for a parameter: a well-typed one, or (when `valid` is false) one of the wrong type. */
function paramValue(doc: Doc, layerId: string, name: string, n: number, valid: boolean): ParamValue {
  const ps = specOf(doc.layers.find((l) => l.id === layerId)!.kind)!.params[name]!;
  if (!valid) return ps.type === 'bool' ? n : ps.type === 'enum' || ps.type === 'text' ? n : n % 2 === 0;
  switch (ps.type) {
    case 'int':
      return ps.min + (n % (Math.min(ps.max, ps.min + 50) - ps.min + 1));
    case 'float':
      return ps.min + ((ps.max - ps.min) * (n % 100)) / 100;
    case 'enum':
      return at(ps.options, n)!;
    case 'bool':
      return n % 2 === 0;
    case 'text':
      return ps.default;
  }
}

/** Runs one op on `doc` (pure: every command returns a new document or a refusal). */
function runOp(doc: Doc, o: Op): CommandResult {
  const layer = (i: number) => at(doc.layers, i);
  switch (o.op) {
    case 'add': {
      const kind = at(LAYER_SPECS, o.kind)!.kind;
      return addLayer(doc, {
        id: lowestFreeId(new Set(doc.layers.map((l) => l.id)), kind),
        kind,
        position: { x: o.x, y: o.y },
      });
    }
    case 'remove':
      return removeLayers(
        doc,
        o.picks.map((i) => layer(i)?.id ?? 'none'),
      );
    case 'connect': {
      const s = layer(o.source)?.id ?? 'none';
      const t =
        (o.target < 0 ? layer((o.source % Math.max(1, doc.layers.length)) + 1) : layer(o.target))?.id ??
        'none';
      if (o.port < 0) o = { ...o, port: doc.edges.filter((e) => e.target === t).length };
      return connectPorts(doc, { id: `${s}->${t}:${o.port}`, source: s, target: t, targetPort: o.port });
    }
    case 'disconnect':
      return removeEdges(doc, [at(doc.edges, o.edge)?.id ?? 'none']);
    case 'move': {
      const l = layer(o.layer);
      return moveLayers(doc, new Map(l ? [[l.id, { x: o.x, y: o.y }]] : []));
    }
    case 'param': {
      const l = layer(o.layer);
      if (!l) return setLayerParam(doc, 'none', 'units', 1);
      const names = Object.keys(specOf(l.kind)!.params);
      const name = at(names, o.param) ?? 'nope';
      if (name === 'nope') return setLayerParam(doc, l.id, name, 1);
      return setLayerParam(doc, l.id, name, paramValue(doc, l.id, name, o.value, o.valid));
    }
    case 'rename':
      return renameLayer(doc, layer(o.layer)?.id ?? 'none', o.name);
    case 'paste': {
      const ids = o.picks.map((i) => layer(i)?.id).filter((id): id is string => !!id);
      const r = pasteLayers(doc, copyLayers(doc, ids), lowestFreeId, { x: o.dx, y: o.dy });
      return r.ok ? { ok: true, value: r.value.doc } : r;
    }
    case 'bad': {
      const first = doc.layers[0];
      if (o.which === 0 || !first)
        return addLayer(doc, { id: 'x', kind: 'warp-drive', position: { x: 0, y: 0 } });
      if (o.which === 1) return addLayer(doc, { id: first.id, kind: 'dense', position: { x: 0, y: 0 } });
      if (o.which === 2)
        return connectPorts(doc, { id: 'self', source: first.id, target: first.id, targetPort: 0 });
      return setLayerParam(doc, first.id, 'no-such-param', 1);
    }
  }
}

/** Every invariant a document must keep after any sequence of commands. */
function expectValid(doc: Doc): void {
  expect(documentSchema.safeParse(doc).success).toBe(true);
  const ids = doc.layers.map((l) => l.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(doc.edges.map((e) => e.id)).size).toBe(doc.edges.length);
  const known = new Set(ids);
  for (const e of doc.edges) {
    expect(known.has(e.source) && known.has(e.target)).toBe(true);
    expect(checkConnection(doc, e.source, e.target, e.targetPort, e.id)).toEqual({
      ok: true,
      value: undefined,
    });
  }
}

/** Deep-freezes a document so a command that mutated its input would throw. */
function freeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) freeze(v);
  }
  return x;
}

const starts: [string, () => Doc][] = [
  ['an empty document', emptyDoc],
  ['the LeNet-BN template', () => template('lenet-bn')],
];

describe.each(starts)('random edit sequences on %s', (_label, makeStart) => {
  it('keep the document valid, refuse without change, and undo back to the start', () => {
    const seen = { refused: 0, connected: 0, pastedWires: 0 };
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40, size: 'medium' }), (ops) => {
        const start = freeze(makeStart());
        const snapshot = structuredClone(start);
        let doc = start;
        let history: History = emptyHistory;
        for (const o of ops) {
          const before = doc;
          const r = runOp(doc, o);
          if (!r.ok) {
            seen.refused++;
            expect(doc).toBe(before); // a refused command leaves the document as it was
            continue;
          }
          if (o.op === 'connect') seen.connected++;
          if (o.op === 'paste' && r.value.edges.length > before.edges.length) seen.pastedWires++;
          doc = freeze(r.value);
          expectValid(doc);
          history = record(history, before, doc);
        }
        for (let step = undo(history, doc); step; step = undo(history, doc)) {
          history = step.history;
          doc = step.doc;
        }
        expect(doc).toBe(start);
        expect(doc).toEqual(snapshot);
      }),
      { numRuns: 150 },
    );
    // The generators reach the interesting cases, not only refusals.
    expect(seen.refused).toBeGreaterThan(50);
    expect(seen.connected).toBeGreaterThan(10);
    expect(seen.pastedWires).toBeGreaterThan(0);
  });
});
