import { err, ok, type Result } from '../util/result';
import { gunzip, isGzip, MAX_DECODED_BYTES, type DataError } from './gzip';

export type { DataError } from './gzip';

/** A decoded IDX file of unsigned bytes: its dimensions and its data. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** The IDX data types by their type byte: name and bytes per value (stored big-endian). */
export const IDX_TYPES = {
  0x08: { name: 'uint8', size: 1 },
  0x09: { name: 'int8', size: 1 },
  0x0b: { name: 'int16', size: 2 },
  0x0c: { name: 'int32', size: 4 },
  0x0d: { name: 'float32', size: 4 },
  0x0e: { name: 'float64', size: 8 },
} as const;

/** A decoded IDX file of any data type, its values in native typed arrays. */
export type IdxTypedArray = { dims: number[] } & (
  | { type: 'uint8'; data: Uint8Array }
  | { type: 'int8'; data: Int8Array }
  | { type: 'int16'; data: Int16Array }
  | { type: 'int32'; data: Int32Array }
  | { type: 'float32'; data: Float32Array }
  | { type: 'float64'; data: Float64Array }
);

/** The name of an IDX data type, e.g. 'float32'. */
export type IdxType = IdxTypedArray['type'];

/** Decompresses gzip when the bytes start with its magic number (see {@link gunzip}). */
export function maybeGunzip(
  bytes: Uint8Array,
  file: string,
  maxBytes = MAX_DECODED_BYTES,
): Result<Uint8Array, DataError> {
  return isGzip(bytes) ? gunzip(bytes, file, maxBytes) : ok(bytes);
}

/** A checked IDX header: where the values start and how many there are. */
interface IdxHeader {
  code: keyof typeof IDX_TYPES;
  dims: number[];
  count: number;
  start: number;
}

/**
 * Reads and checks an IDX header: the magic, the type, the rank, and the declared size,
 * which must stay under `maxBytes` (checked while multiplying, so no product can
 * overflow) and fit in the bytes that follow. Nothing is allocated for the values yet.
 */
function readHeader(b: Uint8Array, file: string, maxBytes: number): Result<IdxHeader, DataError> {
  const fail = (message: string): Result<never, DataError> => err({ file, message });
  if (b.length < 4 || b[0] !== 0 || b[1] !== 0) return fail('not an IDX file (bad magic number)');
  const code = b[2]!;
  if (!Object.hasOwn(IDX_TYPES, code))
    return fail(`unsupported IDX data type 0x${code.toString(16).padStart(2, '0')}`);
  const { name, size } = IDX_TYPES[code as keyof typeof IDX_TYPES];
  const rank = b[3]!;
  if (rank < 1) return fail('IDX header declares no dimensions');
  if (b.length < 4 + 4 * rank) return fail('IDX header is truncated');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  let count = 1;
  for (const d of dims) {
    count *= d;
    if (count * size > maxBytes) {
      return fail(
        `IDX header declares ${dims.join('x')} ${name} values, more than the limit of ${maxBytes} bytes`,
      );
    }
  }
  const start = 4 + 4 * rank;
  const held = b.length - start;
  if (held < count * size) {
    return fail(
      `IDX header claims ${count} values (${dims.join('x')}) of data type ${name}, ${count * size} bytes, but the file holds ${held}`,
    );
  }
  return ok({ code: code as keyof typeof IDX_TYPES, dims, count, start });
}

/**
 * Reads an IDX file (gzipped or not) of any IDX data type; multi-byte values are
 * converted from big-endian into native typed arrays. The header is checked against
 * `maxBytes` and the file size before anything is allocated for the values.
 */
export function readIdxTyped(
  bytes: Uint8Array,
  file: string,
  maxBytes = MAX_DECODED_BYTES,
): Result<IdxTypedArray, DataError> {
  const raw = maybeGunzip(bytes, file, maxBytes);
  if (!raw.ok) return raw;
  const b = raw.value;
  const head = readHeader(b, file, maxBytes);
  if (!head.ok) return head;
  const { code, dims, count, start } = head.value;
  const view = new DataView(b.buffer, b.byteOffset + start, count * IDX_TYPES[code].size);
  switch (code) {
    case 0x08:
      return ok({ type: 'uint8', dims, data: b.subarray(start, start + count) });
    case 0x09:
      return ok({ type: 'int8', dims, data: new Int8Array(b.buffer, b.byteOffset + start, count) });
    case 0x0b:
      return ok({
        type: 'int16',
        dims,
        data: Int16Array.from({ length: count }, (_, i) => view.getInt16(2 * i)),
      });
    case 0x0c:
      return ok({
        type: 'int32',
        dims,
        data: Int32Array.from({ length: count }, (_, i) => view.getInt32(4 * i)),
      });
    case 0x0d:
      return ok({
        type: 'float32',
        dims,
        data: Float32Array.from({ length: count }, (_, i) => view.getFloat32(4 * i)),
      });
    case 0x0e:
      return ok({
        type: 'float64',
        dims,
        data: Float64Array.from({ length: count }, (_, i) => view.getFloat64(8 * i)),
      });
  }
}

/**
 * Reads an IDX file (gzipped or not) of unsigned bytes, the type image datasets use;
 * other types are refused here (use {@link readIdxTyped}). The header is checked
 * against the file size before anything is allocated.
 */
export function readIdx(
  bytes: Uint8Array,
  file: string,
  maxBytes = MAX_DECODED_BYTES,
): Result<IdxArray, DataError> {
  const r = readIdxTyped(bytes, file, maxBytes);
  if (!r.ok) return r;
  if (r.value.type !== 'uint8') {
    return err({
      file,
      message: `IDX data type ${r.value.type} is not unsigned bytes, which this dataset needs`,
    });
  }
  return ok({ dims: r.value.dims, data: r.value.data });
}
