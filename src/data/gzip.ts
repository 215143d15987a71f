import { gunzipSync } from 'fflate';
import { err, ok, type Result } from '../util/result';

/** A reader error that names the file and what is wrong with it. */
export interface DataError {
  file: string;
  message: string;
}

/** Most bytes a decompressed file may have: 1 GiB, far above any dataset the app trains on. */
export const MAX_DECODED_BYTES = 2 ** 30;

/** True when the bytes start with gzip's magic number. */
export const isGzip = (bytes: Uint8Array): boolean =>
  bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

// Deflate cannot compress better than about 1032:1, so a trailer claiming more is a lie.
const MAX_RATIO = 1032;

/**
 * Decompresses a gzip file. The size in the trailer is checked against `maxBytes` and
 * against what the input could possibly expand to before the output is allocated, and
 * the result is checked against the trailer's size and CRC-32 (fflate checks neither),
 * so truncated or garbage input is an error naming the file, never a partial file.
 */
export function gunzip(
  bytes: Uint8Array,
  file: string,
  maxBytes = MAX_DECODED_BYTES,
): Result<Uint8Array, DataError> {
  const bad = (why: string): Result<never, DataError> =>
    err({ file, message: `gzip data is corrupt or truncated (${why})` });
  if (bytes.length < 18) return bad('shorter than a gzip header and trailer');
  const n = bytes.length;
  const size = (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0;
  // A truncated file's trailer is random, so an impossible size means truncation, not a big file.
  if (size > MAX_RATIO * n) return bad(`claims ${size} bytes from ${n} compressed`);
  if (size > maxBytes) {
    return err({
      file,
      message: `gzip data claims ${size} bytes uncompressed, more than the limit of ${maxBytes}`,
    });
  }
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch (e) {
    return bad(e instanceof Error ? e.message : String(e));
  }
  const crc = (bytes[n - 8]! | (bytes[n - 7]! << 8) | (bytes[n - 6]! << 16) | (bytes[n - 5]! << 24)) >>> 0;
  if (out.length !== size || crc32(out) !== crc) return bad('checksum does not match');
  return ok(out);
}

/** The CRC-32 lookup table (IEEE polynomial), built once and never written again. */
const CRC_TABLE: Readonly<Uint32Array> = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of the bytes, as gzip stores it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
