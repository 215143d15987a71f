/**
 * A tiny WebAssembly SIMD module for our per-channel kernels, written out here as
 * bytes (no toolchain needed: the encoding is small enough to read). It imports the
 * tfjs wasm backend's own memory, so it works in place on tensors there. The threaded
 * tfjs build (cross-origin-isolated pages) has a shared memory: the module then declares
 * its import shared (see `simdModuleBytes`).
 *
 * The data is seen as consecutive "periods" of L floats, L a multiple of 4 and of the
 * channel count C (L = lcm(C, 4)), so that lane k of a period always holds channel
 * k mod C and per-channel coefficients can be tiled to L floats. All pointers and
 * L are in bytes.
 *
 *   sums2(u, v, periods, L, cu, cv, s1, s2):   d = u − cu, e = v − cv
 *       s1[k] = Σ_p d[p·L + k],  s2[k] = Σ_p d·e   (f32; callers keep blocks short)
 *   affine2(u, v, out, periods, L, a, b, c):
 *       out[q] = u[q]·a[k] + v[q]·b[k] + c[k]      (k = q mod L)
 */

/** The functions the module exports. */
export interface SimdKernels {
  sums2(
    u: number,
    v: number,
    periods: number,
    l: number,
    cu: number,
    cv: number,
    s1: number,
    s2: number,
  ): void;
  affine2(
    u: number,
    v: number,
    out: number,
    periods: number,
    l: number,
    a: number,
    b: number,
    c: number,
  ): void;
}

// Opcodes used below (core and SIMD, see the WebAssembly spec's binary format).
const I32 = 0x7f;
const V128 = 0x7b;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const I32_CONST = 0x41;
const I32_EQ = 0x46;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const LOAD = [0xfd, 0x00, 0x02, 0x00]; // v128.load align=4 offset=0
const STORE = [0xfd, 0x0b, 0x02, 0x00]; // v128.store align=4 offset=0
const ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]; // v128.const 0
const F_ADD = [0xfd, 0xe4, 0x01];
const F_SUB = [0xfd, 0xe5, 0x01];
const F_MUL = [0xfd, 0xe6, 0x01];

const get = (i: number) => [GET, i];
const set = (i: number) => [SET, i];
/** Loads the v128 at local a + local b. */
const loadAt = (a: number, b: number) => [...get(a), ...get(b), I32_ADD, ...LOAD];

/** sums2: params 0 u, 1 v, 2 periods, 3 L, 4 cu, 5 cv, 6 s1, 7 s2; locals 8 k, 9 q, 10 end, 11 a1, 12 a2, 13 c1, 14 c2, 15 d. */
// prettier-ignore
const SUMS2 = [
  ...[2, 3, I32, 5, V128], // local declarations: 3 × i32, 5 × v128
  ...get(2), ...get(3), I32_MUL, ...set(10),
  I32_CONST, 0, ...set(8),
  ...BLOCK, ...LOOP,
  ...get(8), ...get(3), I32_GE_U, BR_IF, 1,
  ...loadAt(4, 8), ...set(13),
  ...loadAt(5, 8), ...set(14),
  ...ZERO, ...set(11), ...ZERO, ...set(12),
  ...get(8), ...set(9),
  ...BLOCK, ...LOOP,
  ...get(9), ...get(10), I32_GE_U, BR_IF, 1,
  ...loadAt(0, 9), ...get(13), ...F_SUB, TEE, 15,
  ...get(11), ...F_ADD, ...set(11),
  ...loadAt(1, 9), ...get(14), ...F_SUB, ...get(15), ...F_MUL, ...get(12), ...F_ADD, ...set(12),
  ...get(9), ...get(3), I32_ADD, ...set(9),
  BR, 0, END, END,
  ...get(6), ...get(8), I32_ADD, ...get(11), ...STORE,
  ...get(7), ...get(8), I32_ADD, ...get(12), ...STORE,
  ...get(8), I32_CONST, 16, I32_ADD, ...set(8),
  BR, 0, END, END,
  END,
];

/** affine2: params 0 u, 1 v, 2 out, 3 periods, 4 L, 5 a, 6 b, 7 c; locals 8 q, 9 k, 10 end. */
// prettier-ignore
const AFFINE2 = [
  ...[1, 3, I32],
  ...get(3), ...get(4), I32_MUL, ...set(10),
  I32_CONST, 0, ...set(8),
  I32_CONST, 0, ...set(9),
  ...BLOCK, ...LOOP,
  ...get(8), ...get(10), I32_GE_U, BR_IF, 1,
  ...get(2), ...get(8), I32_ADD,
  ...loadAt(0, 8), ...loadAt(5, 9), ...F_MUL,
  ...loadAt(1, 8), ...loadAt(6, 9), ...F_MUL, ...F_ADD,
  ...loadAt(7, 9), ...F_ADD,
  ...STORE,
  ...get(8), I32_CONST, 16, I32_ADD, ...set(8),
  ...get(9), I32_CONST, 16, I32_ADD, TEE, 9, ...get(4), I32_EQ,
  ...IF, I32_CONST, 0, ...set(9), END,
  BR, 0, END, END,
  END,
];

/** Unsigned LEB128 (all our sizes are small, but sections can exceed 127 bytes). */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const str = (s: string) => [...leb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];

/**
 * Pages of the largest wasm32 memory (4 GiB). A shared memory import must declare a
 * maximum, and an import matches a memory whose maximum is at most the declared one, so
 * declaring the largest possible value matches any shared memory (tfjs's threaded build
 * declares exactly this one; a Memory object does not tell its maximum).
 */
const MAX_PAGES = 65536;

/**
 * The memory import's limits: at least one page, no maximum; or, for a shared memory,
 * flag 0x03 (shared, with a maximum) and the largest maximum.
 */
const memoryLimits = (shared: boolean): number[] => (shared ? [0x03, 0x01, ...leb(MAX_PAGES)] : [0x00, 0x01]);

/** The module's bytes, importing an ordinary memory or (`shared`) a shared one. */
export function simdModuleBytes(shared = false): Uint8Array {
  const fnType = [0x60, ...vec(new Array<number[]>(8).fill([I32])), 0];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([fnType])),
    ...section(2, vec([[...str('env'), ...str('memory'), 0x02, ...memoryLimits(shared)]])),
    ...section(3, vec([[0], [0]])),
    ...section(
      7,
      vec([
        [...str('sums2'), 0x00, 0],
        [...str('affine2'), 0x00, 1],
      ]),
    ),
    ...section(10, vec([SUMS2, AFFINE2].map((body) => [...leb(body.length), ...body]))),
  ]);
}

/** A WebAssembly.Memory (the core's type settings have no WebAssembly declarations). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

/** The parts of the WebAssembly API used here. */
interface WasmApi {
  Memory: abstract new (...args: never[]) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const wasmApi = (): WasmApi | undefined => (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * The memory of the tfjs wasm backend's module, or null for another backend: the single-
 * threaded builds export it (Emscripten's `asm.memory`); the threaded build creates a shared
 * one and imports it (`wasmMemory` on the module).
 */
export function wasmMemoryOf(backend: object): WasmMemory | null {
  const api = wasmApi();
  const wasm = (backend as { wasm?: { asm?: { memory?: unknown }; wasmMemory?: unknown } }).wasm;
  const memory = wasm?.asm?.memory ?? wasm?.wasmMemory;
  return api && memory instanceof api.Memory ? memory : null;
}

/** True when the memory is shared (its buffer a SharedArrayBuffer). */
export const isSharedMemory = (memory: WasmMemory): boolean =>
  typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;

/**
 * Instantiates the module on a memory (ordinary or shared), or returns null where that
 * cannot work (no WebAssembly SIMD).
 */
export function instantiateSimd(memory: WasmMemory): SimdKernels | null {
  const api = wasmApi();
  if (!api) return null;
  try {
    const bytes = simdModuleBytes(isSharedMemory(memory));
    const instance = new api.Instance(new api.Module(bytes), { env: { memory } });
    return instance.exports as SimdKernels;
  } catch {
    return null;
  }
}
