import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBundle, encodeBundle, isBundle } from '../../../src/project/bundle';
import { packValue, unpackValue } from '../../../src/project/packed-value';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { decodeWorkshopBundle, encodeWorkshopBundle } from '../../../src/project/workshop-bundle';
import { validDoc } from './arbitraries';

/** Random tensors with any float32 bit patterns (NaN payloads included): bytes must survive as they are. */
const tensors = fc.array(
  fc
    .record({ rows: fc.integer({ min: 0, max: 4 }), cols: fc.integer({ min: 1, max: 5 }) })
    .chain(({ rows, cols }) =>
      fc.uint8Array({ minLength: rows * cols * 4, maxLength: rows * cols * 4 }).map((bytes) => ({
        shape: [rows, cols],
        values: new Float32Array(bytes.slice().buffer),
      })),
    ),
  { maxLength: 4 },
);

/** A dataset-like value: names, shapes and typed arrays of several kinds. */
const dataset = fc.record({
  hash: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 16 }),
  name: fc.string(),
  classNames: fc.array(fc.string(), { maxLength: 3 }),
  parts: fc.record({
    train: fc.record({
      count: fc.nat(9),
      pixels: fc.uint8Array({ maxLength: 40 }),
      labels: fc.uint8Array({ maxLength: 9 }),
    }),
    test: fc.record({
      count: fc.nat(9),
      features: fc.float32Array({ maxLength: 12, noDefaultInfinity: true, noNaN: true }),
      labels: fc.uint8Array({ maxLength: 9 }),
    }),
  }),
});

const bytesOf = (values: Float32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

function bundleOf(projectText: string) {
  const weights = {
    planHash: '0123456789abcdef',
    tensors: [{ name: 'd1/kernel', shape: [2], values: new Float32Array([1, 2]) }],
  };
  const r = encodeWorkshopBundle({ projectText, weights, datasets: [{ x: new Uint8Array([1, 2, 3]) }] });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Where each section starts in an encoded bundle, by name. */
function sectionOffsets(bytes: Uint8Array): Map<string, { at: number; length: number }> {
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as {
    sections: { name: string; length: number }[];
  };
  const out = new Map<string, { at: number; length: number }>();
  let at = 12 + headerLength;
  for (const s of header.sections) {
    out.set(s.name, { at, length: s.length });
    at += s.length;
  }
  return out;
}

describe('workshop bundle round trip (property)', () => {
  it('gives back the same project, weights and datasets for generated projects', () => {
    fc.assert(
      fc.property(validDoc, tensors, fc.array(dataset, { maxLength: 2 }), (doc, ts, datasets) => {
        const projectText = serializeProject(doc, '1.0.0');
        const named = ts.map((t, i) => ({ name: `layer${i}/kernel`, ...t }));
        const weights = named.length > 0 ? { planHash: 'abc', tensors: named } : null;
        const encoded = encodeWorkshopBundle({ projectText, weights, datasets });
        expect(encoded.ok).toBe(true);
        if (!encoded.ok) return;
        expect(isBundle(encoded.value)).toBe(true);
        const r = decodeWorkshopBundle(encoded.value);
        if (!r.ok) throw new Error(`${r.error.section}: ${r.error.message}`);
        expect(r.value.projectText).toBe(projectText);
        const parsed = parseProject(r.value.projectText);
        expect(parsed.ok && parsed.value.doc).toEqual(doc);
        expect(r.value.weights?.planHash).toBe(weights?.planHash);
        expect(r.value.weights?.tensors.map((t) => [t.name, t.shape, bytesOf(t.values)])).toEqual(
          weights?.tensors.map((t) => [t.name, t.shape, bytesOf(t.values)]),
        );
        expect(r.value.datasets).toEqual(datasets);
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });
});

describe('refused bundles name the section', () => {
  const good = bundleOf('{"name":"x"}');

  it('refuses a file that is not a bundle, and a truncated header', () => {
    expect(decodeWorkshopBundle(new TextEncoder().encode('{"format":"layerloom"}'))).toMatchObject({
      ok: false,
      error: { section: 'header', message: expect.stringMatching(/not a Layerloom bundle/) },
    });
    expect(decodeBundle(good.subarray(0, 20))).toMatchObject({
      ok: false,
      error: { section: 'header', message: expect.stringMatching(/ends inside the header/) },
    });
  });

  it('names the section a truncated file ends in', () => {
    const at = sectionOffsets(good);
    for (const name of ['project.layerloom', 'weights.json', 'weights.bin', 'dataset-0.bin']) {
      const cut = good.subarray(0, at.get(name)!.at + Math.floor(at.get(name)!.length / 2));
      const r = decodeWorkshopBundle(cut);
      expect(r).toMatchObject({
        ok: false,
        error: { section: name, message: expect.stringMatching(/truncated/) },
      });
    }
  });

  it('names a damaged section (one flipped byte) and refuses trailing bytes', () => {
    const at = sectionOffsets(good);
    for (const name of at.keys()) {
      const bad = good.slice();
      const i = at.get(name)!.at;
      bad[i] = bad[i]! ^ 0x40;
      expect(decodeWorkshopBundle(bad)).toMatchObject({
        ok: false,
        error: { section: name, message: expect.stringMatching(/damaged/) },
      });
    }
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    expect(decodeBundle(longer)).toMatchObject({
      ok: false,
      error: { section: 'header', message: /3 unexpected bytes/ },
    });
  });

  it('checks what the sections hold: weights that do not fit, missing halves, unknown sections', () => {
    const sections = (list: [string, string | Uint8Array][]) => {
      const r = encodeBundle(
        list.map(([name, v]) => ({ name, bytes: typeof v === 'string' ? new TextEncoder().encode(v) : v })),
      );
      if (!r.ok) throw new Error(r.error.message);
      return decodeWorkshopBundle(r.value);
    };
    const sidecar = JSON.stringify({
      format: 'layerloom-weights',
      version: 1,
      planHash: 'a',
      weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'k', shape: [4], dtype: 'float32' }] }],
    });
    expect(
      sections([
        ['project.layerloom', '{}'],
        ['weights.json', sidecar],
        ['weights.bin', new Uint8Array(8)],
      ]),
    ).toMatchObject({
      ok: false,
      error: { section: 'weights.json', message: expect.stringMatching(/'k' runs past the end/) },
    });
    expect(sections([['weights.json', sidecar]])).toMatchObject({
      ok: false,
      error: { section: 'project.layerloom' },
    });
    expect(
      sections([
        ['project.layerloom', '{}'],
        ['weights.json', sidecar],
      ]),
    ).toMatchObject({
      ok: false,
      error: { section: 'weights.bin', message: 'is missing' },
    });
    expect(
      sections([
        ['project.layerloom', '{}'],
        ['dataset-0.json', '{}'],
      ]),
    ).toMatchObject({
      ok: false,
      error: { section: 'dataset-0.bin', message: 'is missing' },
    });
    expect(
      sections([
        ['project.layerloom', '{}'],
        ['notes.txt', 'hi'],
      ]),
    ).toMatchObject({
      ok: false,
      error: { section: 'notes.txt' },
    });
    const outside = JSON.stringify({ a: { $typed: 'Float32Array', offset: 0, length: 4 } });
    expect(
      sections([
        ['project.layerloom', '{}'],
        ['dataset-0.json', outside],
        ['dataset-0.bin', new Uint8Array(8)],
      ]),
    ).toMatchObject({
      ok: false,
      error: {
        section: 'dataset-0.json',
        message: expect.stringMatching(/\$\.a: the array lies outside the data/),
      },
    });
  });

  it('refuses to write duplicate or badly named sections', () => {
    const b = new Uint8Array(1);
    expect(
      encodeBundle([
        { name: 'a', bytes: b },
        { name: 'a', bytes: b },
      ]),
    ).toMatchObject({ ok: false, error: { section: 'a' } });
    expect(encodeBundle([{ name: '../x', bytes: b }])).toMatchObject({
      ok: false,
      error: { section: '../x' },
    });
  });
});

describe('packed values', () => {
  it('keeps typed arrays of every kind, aligned, and refuses what JSON cannot hold', () => {
    const value = {
      a: new Int16Array([-1, 2, 3]),
      b: [new Float64Array([Math.PI]), new Uint32Array([7])],
      s: 'x',
      n: null,
      sub: new Uint8Array(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2),
    };
    const packed = packValue(value);
    if (!packed.ok) throw new Error(packed.error);
    expect(packed.value.bin.length % 8).toBe(0);
    expect(unpackValue(packed.value.json, packed.value.bin)).toEqual({ ok: true, value });
    expect(packValue({ f: () => 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/\$\.f/) });
    expect(packValue({ x: [Number.NaN] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/\$\.x\[0\]/),
    });
    expect(packValue(new Map())).toMatchObject({ ok: false });
  });

  it('keeps a key named __proto__ as data, never as a prototype', () => {
    const r = unpackValue('{"__proto__":{"polluted":true}}', new Uint8Array(0));
    if (!r.ok) throw new Error(r.error);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
  });
});
