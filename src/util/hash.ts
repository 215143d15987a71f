/**
 * A 64-bit content fingerprint of some bytes, as 16 hex digits: two independent 32-bit
 * FNV-1a-style lanes with different seeds and a final avalanche. It identifies files (a
 * stored copy, a changed file on disk); it is not a cryptographic hash.
 */
export function contentHash(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    const x = bytes[i]!;
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const mix = (h: number): number => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  return (
    mix(a).toString(16).padStart(8, '0') +
    mix(b ^ a)
      .toString(16)
      .padStart(8, '0')
  );
}

/** A text's UTF-16 code units as bytes (little-endian), for hashing. */
function textBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >>> 8;
  }
  return out;
}

/** The fingerprint of several byte arrays and texts together (each length-prefixed, so boundaries count). */
export function combinedHash(parts: readonly (Uint8Array | string)[]): string {
  const chunks = parts.map((p) => (typeof p === 'string' ? textBytes(p) : p));
  const total = chunks.reduce((n, c) => n + c.length + 4, 0);
  const all = new Uint8Array(total);
  const view = new DataView(all.buffer);
  let at = 0;
  for (const c of chunks) {
    view.setUint32(at, c.length);
    all.set(c, at + 4);
    at += c.length + 4;
  }
  return contentHash(all);
}
