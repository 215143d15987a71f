import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzip } from '../../../src/data/gzip';
import { IDX_TYPES, readIdx, readIdxTyped } from '../../../src/data/idx';

const codes = [0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x00, 0x0a, 0xff];
const dim = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(2 ** 16, 2 ** 31, 2 ** 32 - 1));

/** An IDX-shaped file: a plausible header (often lying about its size) and a random body. */
const idxLike = fc
  .tuple(
    fc.constantFrom(...codes),
    fc.array(dim, { minLength: 0, maxLength: 5 }),
    fc.uint8Array({ maxLength: 300 }),
  )
  .map(([code, dims, body]) => {
    const head = new Uint8Array(4 + 4 * dims.length);
    head.set([0, 0, code, dims.length]);
    dims.forEach((d, i) => new DataView(head.buffer).setUint32(4 + 4 * i, d, false));
    return Uint8Array.from([...head, ...body]);
  });

/** Checks an outcome: an error naming the file, or values that the input bytes actually hold. */
function check(bytes: Uint8Array, decodedLength: number): void {
  const r = readIdxTyped(bytes, 'fuzz.idx');
  if (!r.ok) {
    expect(r.error.file).toBe('fuzz.idx');
    return;
  }
  const count = r.value.dims.reduce((a, b) => a * b, 1);
  expect(r.value.data.length).toBe(count);
  const size = Object.values(IDX_TYPES).find((t) => t.name === r.value.type)!.size;
  expect(count * size).toBeLessThanOrEqual(decodedLength);
}

describe('readIdxTyped never throws and never reads past its input', () => {
  it('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => check(b, b.length)));
  });

  it('on IDX-shaped files with lying headers (2^31 and 2^64 values are refused up front)', () => {
    fc.assert(
      fc.property(idxLike, (b) => check(b, b.length)),
      { numRuns: 500 },
    );
  });

  it('on gzipped IDX-shaped files', () => {
    fc.assert(fc.property(idxLike, (b) => check(gzipSync(b), b.length)));
  });

  it('readIdx agrees: ok only for unsigned bytes', () => {
    fc.assert(
      fc.property(idxLike, (b) => {
        const r = readIdx(b, 'fuzz.idx');
        if (r.ok) expect(b[2]).toBe(0x08);
      }),
    );
  });
});

describe('gunzip of truncated or garbage data returns an error naming the file', () => {
  const plain = Uint8Array.from({ length: 3000 }, (_, i) => (i * i) % 253);
  const packed = gzipSync(plain);

  it('at every truncation point', () => {
    for (let cut = 0; cut < packed.length; cut++) {
      const r = gunzip(packed.subarray(0, cut), 'cut.gz');
      expect(!r.ok && r.error.file).toBe('cut.gz');
    }
  });

  it('on garbage after a gzip magic number', () => {
    const garbage = fc.uint8Array({ maxLength: 400 }).map((b) => Uint8Array.from([0x1f, 0x8b, 0x08, ...b]));
    fc.assert(
      fc.property(garbage, (b) => {
        const r = gunzip(b, 'junk.gz');
        if (!r.ok) expect(r.error.file).toBe('junk.gz');
      }),
      { numRuns: 500 },
    );
  });

  it('on a valid stream with one byte changed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: packed.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (i, x) => {
          const b = packed.slice();
          b[i]! ^= x;
          const r = gunzip(b, 'flip.gz');
          // Header bits such as the OS byte or unused flags may change harmlessly; data never silently does.
          if (r.ok) expect(Array.from(r.value)).toEqual(Array.from(plain));
          else expect(r.error.file).toBe('flip.gz');
        },
      ),
    );
  });
});
