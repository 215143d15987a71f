import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, view } from './heap';
import { instantiateSimd, wasmMemoryOf, type SimdKernels, type WasmMemory } from './simd-module';

/**
 * The two per-channel passes batch norm is made of, over tensors seen as rows × C:
 *   sums:   s1[c] = Σ (u − cu[c]),  s2[c] = Σ (u − cu[c])·(v − cv[c])   (in doubles)
 *   affine: out = u·a[c] + v·b[c] + k[c]
 * in plain JS on any backend, or with the SIMD module on the wasm heap.
 */
export interface ChannelPasses {
  sums(
    u: TensorInfo,
    v: TensorInfo,
    cu: ArrayLike<number>,
    cv: ArrayLike<number>,
  ): { s1: Float64Array; s2: Float64Array };
  affine(
    u: TensorInfo,
    v: TensorInfo,
    out: TensorInfo,
    a: Float64Array,
    b: Float64Array,
    k: Float64Array,
  ): void;
  /** Frees what the passes allocated (call once, after the last pass). */
  dispose(): void;
}

/** Periods per SIMD call: f32 partial sums of at most this many values per lane, then added in doubles. */
const BLOCK = 64;

/** JS passes from element `from` on (`from` a multiple of C), adding to s1, s2. */
function sumsJs(
  u: Float32Array,
  v: Float32Array,
  cu: ArrayLike<number>,
  cv: ArrayLike<number>,
  s1: Float64Array,
  s2: Float64Array,
  from: number,
): void {
  const c = s1.length;
  for (let i = from, j = 0; i < u.length; i++) {
    const d = u[i]! - cu[j]!;
    s1[j] = s1[j]! + d;
    s2[j] = s2[j]! + d * (v[i]! - cv[j]!);
    if (++j === c) j = 0;
  }
}

function affineJs(
  u: Float32Array,
  v: Float32Array,
  out: Float32Array,
  a: Float64Array,
  b: Float64Array,
  k: Float64Array,
  from: number,
): void {
  const c = a.length;
  for (let i = from, j = 0; i < u.length; i++) {
    out[i] = u[i]! * a[j]! + v[i]! * b[j]! + k[j]!;
    if (++j === c) j = 0;
  }
}

/** Plain JS passes (cpu backend, or wasm without SIMD). */
export function jsPasses(backend: KernelBackend, c: number): ChannelPasses {
  return {
    sums(u, v, cu, cv) {
      const s1 = new Float64Array(c);
      const s2 = new Float64Array(c);
      sumsJs(view(backend, u), view(backend, v), cu, cv, s1, s2, 0);
      return { s1, s2 };
    },
    affine(u, v, out, a, b, k) {
      affineJs(view(backend, u), view(backend, v), view(backend, out), a, b, k, 0);
    },
    dispose() {},
  };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

interface WasmHeap {
  getMemoryOffset(dataId: object): number;
}

/**
 * SIMD passes on the wasm heap. Allocates a small scratch tensor (coefficients tiled to
 * L = lcm(C, 4) floats): call before taking any heap views.
 */
function simdPasses(backend: KernelBackend, simd: SimdKernels, c: number): ChannelPasses {
  const l = (c * 4) / gcd(c, 4);
  const lb = l * 4;
  const scratch = alloc(backend, [4 * l]);
  const offset = (t: TensorInfo) => (backend as unknown as WasmHeap).getMemoryOffset(t.dataId);
  const base = offset(scratch);
  const tile = (f: Float32Array, slot: number, values: ArrayLike<number>) => {
    for (let i = 0; i < l; i++) f[slot * l + i] = values[i % c]!;
  };
  const periodsOf = (t: TensorInfo) => Math.floor(view(backend, t).length / l);
  return {
    sums(u, v, cu, cv) {
      const f = view(backend, scratch);
      tile(f, 0, cu);
      tile(f, 1, cv);
      const s1 = new Float64Array(c);
      const s2 = new Float64Array(c);
      const periods = periodsOf(u);
      const [pu, pv] = [offset(u), offset(v)];
      for (let p = 0; p < periods; p += BLOCK) {
        const n = Math.min(BLOCK, periods - p);
        simd.sums2(pu + p * lb, pv + p * lb, n, lb, base, base + lb, base + 2 * lb, base + 3 * lb);
        for (let i = 0; i < l; i++) {
          s1[i % c] = s1[i % c]! + f[2 * l + i]!;
          s2[i % c] = s2[i % c]! + f[3 * l + i]!;
        }
      }
      sumsJs(view(backend, u), view(backend, v), cu, cv, s1, s2, periods * l);
      return { s1, s2 };
    },
    affine(u, v, out, a, b, k) {
      const f = view(backend, scratch);
      tile(f, 0, a);
      tile(f, 1, b);
      tile(f, 2, k);
      const periods = periodsOf(u);
      simd.affine2(offset(u), offset(v), offset(out), periods, lb, base, base + lb, base + 2 * lb);
      affineJs(view(backend, u), view(backend, v), view(backend, out), a, b, k, periods * l);
    },
    dispose() {
      backend.disposeData(scratch.dataId);
    },
  };
}

/**
 * Makes a factory of passes that uses the SIMD module on the wasm backend (one instance
 * per wasm memory, made on first use) and plain JS elsewhere.
 */
export function channelPassesFactory(): (backend: KernelBackend, c: number) => ChannelPasses {
  const instances = new WeakMap<WasmMemory, SimdKernels | null>();
  return (backend, c) => {
    const memory = wasmMemoryOf(backend);
    if (!memory) return jsPasses(backend, c);
    if (!instances.has(memory)) instances.set(memory, instantiateSimd(memory));
    const simd = instances.get(memory);
    return simd ? simdPasses(backend, simd, c) : jsPasses(backend, c);
  };
}

/** Makes the passes for a backend and a channel count. */
export type PassesFor = (backend: KernelBackend, c: number) => ChannelPasses;

/** Runs `f` with passes for the backend, freeing their scratch afterwards. */
export function withPasses<T>(
  passesFor: PassesFor,
  backend: KernelBackend,
  c: number,
  f: (p: ChannelPasses) => T,
): T {
  const passes = passesFor(backend, c);
  try {
    return f(passes);
  } finally {
    passes.dispose();
  }
}
