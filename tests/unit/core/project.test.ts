import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { template } from './doc-helpers';

const fixture = readFileSync(new URL('../../fixtures/project-v1/lenet-bn.layerloom', import.meta.url), 'utf8');

describe('project files', () => {
  it('opens the frozen v1 fixture', () => {
    const r = parseProject(fixture);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.fromVersion).toBe(1);
      expect(r.value.doc.layers).toHaveLength(18);
      expect(r.value.doc.dataset).toEqual({ kind: 'builtin', id: 'fashion-mnist' });
    }
  });

  it('round-trips serialize -> parse', () => {
    const doc = template('lenet');
    const r = parseProject(serializeProject(doc, '9.9.9'));
    expect(r.ok && r.value.doc).toEqual(doc);
  });

  it('writes keys in a stable order', () => {
    const doc = template('lenet');
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const shuffled = { ...doc, layers: doc.layers.map(reversed) };
    expect(serializeProject(shuffled, '1')).toBe(serializeProject(doc, '1'));
  });

  it('reports malformed JSON with its line', () => {
    const r = parseProject('{\n  "format": "layerloom-project",\n  oops\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'not-json', line: 3 });
  });

  it('refuses other JSON as unknown-format', () => {
    const r = parseProject('{"modelTopology": {}}');
    expect(!r.ok && r.error.kind).toBe('unknown-format');
  });

  it('refuses a newer file and says who made it', () => {
    const newer = fixture.replace('"schemaVersion": 1', '"schemaVersion": 7').replace('"version": "0.1.0"', '"version": "3.0.0"');
    const r = parseProject(newer);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('too-new');
      expect(r.error.message).toContain('layerloom 3.0.0');
    }
  });

  it('names the JSON path of an invalid value', () => {
    const bad = JSON.parse(fixture);
    bad.layers[3].params.filters = 'many';
    const r = parseProject(JSON.stringify(bad));
    expect(r.ok).toBe(true); // params are free-form records; analysis reports the bad value on the node
    bad.layers[3].position = { x: 'left' };
    const r2 = parseProject(JSON.stringify(bad));
    expect(!r2.ok && r2.error).toMatchObject({ kind: 'invalid', path: '$.layers[3].position.x' });
    bad.layers[3].position = { x: 1, y: 2 };
    bad.edges[0].targetPort = -1;
    const r3 = parseProject(JSON.stringify(bad));
    expect(!r3.ok && r3.error).toMatchObject({ kind: 'invalid', path: '$.edges[0].targetPort' });
  });
});
