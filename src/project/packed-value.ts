import { err, ok, type Result } from '../util/result';

/**
 * A JSON value whose typed arrays are stored as raw bytes: `packValue` turns every typed
 * array into `{"$typed": "<kind>", "offset": o, "length": n}` pointing into one byte block,
 * so large example arrays (an imported dataset) travel without a text round trip. Plain
 * objects, arrays, strings, finite numbers, booleans and null are kept as JSON. Pure.
 */
const TYPED = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedKind = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedKind]>;

/** Deepest nesting accepted (a dataset is a few levels deep). */
const MAX_DEPTH = 32;
const MARK = '$typed';

/** Sets an own property, even one named `__proto__` (which plain assignment would treat as the prototype). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function typedKind(v: object): TypedKind | null {
  for (const k of Object.keys(TYPED) as TypedKind[]) if (v instanceof TYPED[k]) return k;
  return null;
}

/** Packs a value: its JSON text and the bytes its typed arrays point into (8-byte aligned). */
export function packValue(value: unknown): Result<{ json: string; bin: Uint8Array }, string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const walk = (v: unknown, path: string, depth: number): Result<unknown, string> => {
    if (depth > MAX_DEPTH) return err(`${path}: nested too deeply`);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return ok(v);
    if (typeof v === 'number')
      return Number.isFinite(v) ? ok(v) : err(`${path}: ${v} is not a finite number`);
    if (typeof v !== 'object') return err(`${path}: a ${typeof v} cannot be stored`);
    const kind = typedKind(v);
    if (kind) {
      const t = v as AnyTyped;
      const offset = size;
      parts.push(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
      const padded = Math.ceil(t.byteLength / 8) * 8;
      if (padded > t.byteLength) parts.push(new Uint8Array(padded - t.byteLength));
      size += padded;
      return ok({ [MARK]: kind, offset, length: t.length });
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i], `${path}[${i}]`, depth + 1);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return err(`${path}: only plain objects can be stored`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === MARK) return err(`${path}: the key ${MARK} is reserved`);
      if (x === undefined) continue;
      const r = walk(x, `${path}.${k}`, depth + 1);
      if (!r.ok) return r;
      setOwn(out, k, r.value);
    }
    return ok(out);
  };
  const packed = walk(value, '$', 0);
  if (!packed.ok) return packed;
  const bin = new Uint8Array(size);
  parts.reduce((at, p) => (bin.set(p, at), at + p.length), 0);
  return ok({ json: JSON.stringify(packed.value), bin });
}

/** Reads one `$typed` reference: a copy of its bytes as the named typed array. */
function readTyped(ref: Record<string, unknown>, bin: Uint8Array, path: string): Result<AnyTyped, string> {
  const kind = ref[MARK];
  const { offset, length } = ref;
  if (typeof kind !== 'string' || !Object.hasOwn(TYPED, kind)) return err(`${path}: unknown array kind`);
  const Ctor = TYPED[kind as TypedKind];
  if (Object.keys(ref).length !== 3 || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length))
    return err(`${path}: a bad array reference`);
  const start = offset as number;
  const bytes = (length as number) * Ctor.BYTES_PER_ELEMENT;
  if (start < 0 || bytes < 0 || start % 8 !== 0 || start + bytes > bin.length)
    return err(`${path}: the array lies outside the data (${start}+${bytes} of ${bin.length} bytes)`);
  // A copy: the section may not be aligned for the element size, and the caller owns the result.
  return ok(new Ctor(bin.slice(start, start + bytes).buffer));
}

/** Unpacks what packValue wrote; errors give the JSON path of the first problem. */
export function unpackValue(json: string, bin: Uint8Array): Result<unknown, string> {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (e) {
    return err(`not valid JSON (${(e as Error).message})`);
  }
  const walk = (v: unknown, path: string, depth: number): Result<unknown, string> => {
    if (depth > MAX_DEPTH) return err(`${path}: nested too deeply`);
    if (v === null || typeof v !== 'object') return ok(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i], `${path}[${i}]`, depth + 1);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    }
    const obj = v as Record<string, unknown>;
    if (Object.hasOwn(obj, MARK)) return readTyped(obj, bin, path);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(obj)) {
      const r = walk(x, `${path}.${k}`, depth + 1);
      if (!r.ok) return r;
      setOwn(out, k, r.value);
    }
    return ok(out);
  };
  return walk(root, '$', 0);
}
