/** Builds an IDX file of the given type code, writing values big-endian as the format requires. */
export function idxFile(code: number, dims: number[], values: number[]): Uint8Array {
  const size = { 8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8 }[code] ?? 1;
  const out = new Uint8Array(4 + 4 * dims.length + size * values.length);
  const v = new DataView(out.buffer);
  out.set([0, 0, code, dims.length]);
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  const at = (i: number): number => 4 + 4 * dims.length + size * i;
  values.forEach((x, i) => {
    if (size === 1 && code !== 9) v.setUint8(at(i), x);
    else if (code === 9) v.setInt8(at(i), x);
    else if (code === 11) v.setInt16(at(i), x, false);
    else if (code === 12) v.setInt32(at(i), x, false);
    else if (code === 13) v.setFloat32(at(i), x, false);
    else v.setFloat64(at(i), x, false);
  });
  return out;
}
