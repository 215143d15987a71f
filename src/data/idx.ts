import { gunzipSync } from 'fflate';
import { err, ok, type Result } from '../util/result';

/** A decoded IDX file: its dimensions and its unsigned-byte data. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** A reader error that names the file and what is wrong with it. */
export interface DataError {
  file: string;
  message: string;
}

const UBYTE = 0x08;

/** Decompresses gzip when the bytes start with its magic number. */
export function maybeGunzip(bytes: Uint8Array, file: string): Result<Uint8Array, DataError> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return ok(bytes);
  try {
    return ok(gunzipSync(bytes));
  } catch (e) {
    return err({ file, message: `gzip data is corrupt or truncated (${(e as Error).message})` });
  }
}

/**
 * Reads an IDX file (gzipped or not) of unsigned bytes. The header is checked
 * against the file size before anything is allocated.
 */
export function readIdx(bytes: Uint8Array, file: string): Result<IdxArray, DataError> {
  const raw = maybeGunzip(bytes, file);
  if (!raw.ok) return raw;
  const b = raw.value;
  if (b.length < 4 || b[0] !== 0 || b[1] !== 0) {
    return err({ file, message: 'not an IDX file (bad magic number)' });
  }
  if (b[2] !== UBYTE) return err({ file, message: `unsupported IDX data type 0x${b[2]!.toString(16)}` });
  const rank = b[3]!;
  if (rank < 1 || b.length < 4 + 4 * rank) return err({ file, message: 'IDX header is truncated' });
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    count *= d;
  }
  const start = 4 + 4 * rank;
  if (b.length - start < count) {
    return err({
      file,
      message: `IDX header claims ${count} values (${dims.join('x')}) but the file holds ${b.length - start}`,
    });
  }
  return ok({ dims, data: b.subarray(start, start + count) });
}
