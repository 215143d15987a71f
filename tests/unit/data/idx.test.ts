import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, gunzip } from '../../../src/data/gzip';
import { readIdx, readIdxTyped } from '../../../src/data/idx';
import { idxFile } from './idx-helpers';

describe('readIdxTyped: every IDX data type, big-endian', () => {
  it.each([
    [0x08, 'uint8', [0, 7, 255]],
    [0x09, 'int8', [-128, 0, 127]],
    [0x0b, 'int16', [-32768, 258, 32767]],
    [0x0c, 'int32', [-2147483648, 16909060, 2147483647]],
    [0x0d, 'float32', [-1.5, 0, 3.25]],
    [0x0e, 'float64', [-1e300, Math.PI, 5e-324]],
  ])('type 0x%s reads as %s', (code, type, values) => {
    for (const bytes of [idxFile(code, [3, 1], values), gzipSync(idxFile(code, [3, 1], values))]) {
      const r = readIdxTyped(bytes, 't.idx');
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.type).toBe(type);
      expect(r.value.dims).toEqual([3, 1]);
      expect(Array.from(r.value.data)).toEqual(values);
    }
  });

  it('ignores trailing bytes, as the ubyte reader always did', () => {
    const f = idxFile(0x0c, [1], [5]);
    const r = readIdxTyped(Uint8Array.from([...f, 9, 9, 9]), 't');
    expect(r.ok && Array.from(r.value.data)).toEqual([5]);
  });

  it('readIdx keeps reading unsigned bytes and refuses the other types by name', () => {
    expect(readIdx(idxFile(8, [2], [1, 2]), 'u').ok).toBe(true);
    const r = readIdx(idxFile(0x0d, [1], [1]), 'f.idx');
    expect(!r.ok && r.error).toEqual({
      file: 'f.idx',
      message: 'IDX data type float32 is not unsigned bytes, which this dataset needs',
    });
  });
});

describe('readIdxTyped: headers are checked before allocating', () => {
  it.each([
    ['an unknown type', idxFile(0x0a, [1], [0]), /unsupported IDX data type 0x0a/],
    ['rank 0', new Uint8Array([0, 0, 8, 0]), /no dimensions/],
    [
      '2^31 values',
      idxFile(8, [2 ** 16, 2 ** 15], []),
      /declares 65536x32768 uint8 values, more than the limit/,
    ],
    [
      'a product past 2^64',
      idxFile(0x0e, [2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1], []),
      /more than the limit/,
    ],
    [
      'float64 values missing',
      idxFile(0x0e, [4], [1, 2, 3]),
      /claims 4 values \(4\) of data type float64, 32 bytes, but the file holds 24/,
    ],
  ])('rejects %s', (_name, bytes, msg) => {
    const r = readIdxTyped(bytes, 'bad.idx');
    expect(!r.ok && r.error.file).toBe('bad.idx');
    expect(!r.ok && r.error.message).toMatch(msg);
  });

  it('honours a smaller limit from the caller', () => {
    const r = readIdxTyped(idxFile(0x0c, [10], Array(10).fill(1)), 'x', 39);
    expect(!r.ok && r.error.message).toMatch(/limit of 39 bytes/);
    expect(readIdxTyped(idxFile(0x0c, [10], Array(10).fill(1)), 'x', 40).ok).toBe(true);
  });
});

describe('gunzip', () => {
  const plain = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 251);
  const packed = gzipSync(plain);

  it('decompresses and checks the CRC', () => {
    const r = gunzip(packed, 'p.gz');
    expect(r.ok && Array.from(r.value)).toEqual(Array.from(plain));
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  const flip = (b: Uint8Array, i: number): Uint8Array => {
    const c = b.slice();
    c[i]! ^= 0xff;
    return c;
  };
  const withSize = (b: Uint8Array, size: number): Uint8Array => {
    const c = b.slice();
    new DataView(c.buffer).setUint32(c.length - 4, size, true);
    return c;
  };

  it.each([
    ['truncated', packed.subarray(0, packed.length - 20), /corrupt or truncated/],
    ['shorter than a header', packed.subarray(0, 12), /corrupt or truncated/],
    ['a flipped byte in the stream', flip(packed, 40), /corrupt or truncated/],
    ['a wrong CRC', flip(packed, packed.length - 6), /checksum/],
    ['a trailer that understates the size', withSize(packed, 100), /checksum/],
    ['a trailer past any deflate ratio', withSize(packed, 2 ** 31), /claims 2147483648 bytes/],
  ])('refuses %s, naming the file', (_name, bytes, msg) => {
    const r = gunzip(bytes, 'x.gz');
    expect(!r.ok && r.error.file).toBe('x.gz');
    expect(!r.ok && r.error.message).toMatch(msg);
  });

  it('refuses output above the caller limit before inflating', () => {
    const r = gunzip(packed, 'x.gz', 4999);
    expect(!r.ok && r.error.message).toBe(
      'gzip data claims 5000 bytes uncompressed, more than the limit of 4999',
    );
  });
});
