import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProject, type LoadError } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';

const FIXTURE = readFileSync(new URL('../../fixtures/project-v1/lenet-bn.layerloom', import.meta.url), 'utf8');

type Key = string | number;
type Json = unknown;

/** Every path in a JSON value (the root excluded), with the value found there. */
function allPaths(value: Json, at: Key[] = []): Key[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: Key[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => [[...at, k], ...allPaths((value as Record<Key, Json>)[k], [...at, k])]);
}

const PATHS = allPaths(JSON.parse(FIXTURE));

/** Sets (or, with `remove`, deletes) the value at `path` in a fresh copy of the fixture. */
function edit(path: Key[], change: (parent: Record<Key, Json>, key: Key) => void): string {
  const root = JSON.parse(FIXTURE) as Record<Key, Json>;
  const parent = path.slice(0, -1).reduce<Record<Key, Json>>((o, k) => o[k] as Record<Key, Json>, root);
  change(parent, path[path.length - 1]!);
  return JSON.stringify(root, null, 1);
}

/** Stands in for raw JSON text spliced in after stringifying. */
const MARK = '@@splice@@';
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
const WRONG = [null, true, 0, -1, 'text', [], {}, [1, 'a'], { a: 1 }, 1.5, ''];
const HUGE = ['1e308', '-1e308', '1e400', '-1e400', '9007199254740993', '123456789012345678901234567890', '5e-324'];
const EVIL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const path = fc.constantFrom(...PATHS);
/** One malformed or fuzzed file, as text, and what was done to it. */
const mutated = fc.oneof(
  path.map((p) => [`delete ${p.join('.')}`, edit(p, (o, k) => (Array.isArray(o) ? o.splice(Number(k), 1) : delete o[k]))]),
  fc.tuple(path, fc.constantFrom(...WRONG)).map(([p, v]) => [`wrong type ${p.join('.')}`, edit(p, (o, k) => (o[k] = v))]),
  fc.nat(FIXTURE.length - 1).map((n) => [`truncated at ${n}`, FIXTURE.slice(0, n)]),
  fc.uint8Array({ maxLength: 4096 }).map((b) => ['random bytes', new TextDecoder().decode(b)]),
  fc.tuple(fc.nat(FIXTURE.length - 1), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })).map(([n, s]) => [
    `chars at ${n}`,
    FIXTURE.slice(0, n) + s + FIXTURE.slice(n + s.length),
  ]),
  fc.tuple(path, fc.constantFrom(...HUGE)).map(([p, h]) => {
    return [`huge ${h} at ${p.join('.')}`, edit(p, (o, k) => (o[k] = MARK)).replace(`"${MARK}"`, h)];
  }),
  fc.tuple(path, fc.integer({ min: 1_000, max: 60_000 }), fc.boolean()).map(([p, depth, arrays]) => {
    const nest = arrays ? deep(depth, '[', ']') : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return [`nested ${depth} at ${p.join('.')}`, edit(p, (o, k) => (o[k] = MARK)).replace(`"${MARK}"`, nest)];
  }),
  fc.tuple(fc.constantFrom([] as Key[], ...PATHS), fc.constantFrom(...EVIL_KEYS)).map(([p, key]) => {
    // JSON.parse makes "__proto__" an own key, as a hostile file would.
    const text = JSON.stringify(JSON.parse(FIXTURE));
    const evil = `{"${key}":{"polluted":true,"kind":"dense","epochs":1},`;
    const at = p.length === 0 ? 0 : text.indexOf(`"${String(p[p.length - 1])}":{`);
    return at < 0 ? ['evil at root', evil + text.slice(1)] : [`${key} at ${p.join('.')}`, text.slice(0, at) + evil.slice(1) + text.slice(at)];
  }),
) as fc.Arbitrary<[what: string, text: string]>;

const KINDS: LoadError['kind'][] = ['not-json', 'unknown-format', 'too-new', 'invalid'];

/** Follows a `$.a[0].b` path in raw JSON up to its parent; true when that parent exists. */
function parentExists(text: string, jsonPath: string): boolean {
  const steps = [...jsonPath.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
  let node: Json = JSON.parse(text);
  for (const step of steps.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<Key, Json>)[step];
  }
  return steps.length === 0 || (typeof node === 'object' && node !== null);
}

describe('parseProject on 1,000 malformed files (fuzz)', () => {
  it('never throws; refuses with a typed error (JSON path for invalid data) or returns a valid document', () => {
    const tally: Record<string, number> = {};
    fc.assert(
      fc.property(mutated, ([what, text]) => {
        const copy = `${text}`;
        let r: ReturnType<typeof parseProject>;
        try {
          r = parseProject(text);
        } catch (e) {
          throw new Error(`${what}: parseProject threw ${(e as Error).message}`);
        }
        expect(text).toBe(copy);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        const key = r.ok ? 'accepted' : r.error.kind;
        tally[key] = (tally[key] ?? 0) + 1;
        if (r.ok) {
          // Still valid: it saves and reopens to the same document.
          const again = parseProject(serializeProject(r.value.doc, 't'));
          expect(again.ok && again.value.doc).toEqual(r.value.doc);
          return;
        }
        expect(KINDS).toContain(r.error.kind);
        expect(r.error.message.length).toBeGreaterThan(0);
        if (r.error.kind === 'invalid') {
          expect(r.error.path, what).toMatch(/^\$/);
          expect(parentExists(text, r.error.path), `${what}: ${r.error.path}`).toBe(true);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(tally['invalid']).toBeGreaterThan(100);
    expect(tally['not-json']).toBeGreaterThan(100);
    console.log('fuzz outcomes:', tally);
  });
});

describe('parseProject on hostile files (fixed cases)', () => {
  const newer = (savedBy: string) => `{"format":"layerloom-project","schemaVersion":9,"savedBy":${savedBy}}`;
  it.each([
    ['a deeply nested savedBy.app in a too-new file', newer(`{"app":${deep(200_000, '[', ']')},"version":"1"}`), 'too-new'],
    ['a savedBy of the wrong type in a too-new file', newer('[1,2]'), 'too-new'],
    ['a 200,000-deep array', deep(200_000, '[', ']'), 'unknown-format'],
    ['schemaVersion 1e400 (Infinity)', FIXTURE.replace('"schemaVersion": 1', '"schemaVersion": 1e400'), 'invalid'],
    ['an empty file', '', 'not-json'],
  ])('%s is refused as %s without throwing', (_what, text, kind) => {
    const r = parseProject(text);
    expect(!r.ok && r.error.kind).toBe(kind);
  });
});

it('opens a file that starts with a byte-order mark', () => {
  expect(parseProject(`\uFEFF${FIXTURE}`).ok).toBe(true);
});
