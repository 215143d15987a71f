import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Direct access to float32 tensor storage for our hand-written kernels, on the wasm
 * backend (views on the wasm heap, no copies) and the cpu backend (its own arrays).
 *
 * A wasm heap view is invalidated when the heap grows, which any allocation may cause:
 * allocate every output first (`alloc`), then take views (`view`) and write.
 */

interface WasmLike {
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

interface CpuLike {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

const isWasm = (b: KernelBackend): boolean =>
  typeof (b as unknown as Partial<WasmLike>).typedArrayFromHeap === 'function';

/** A new float32 tensor on the backend (contents undefined until written through `view`). */
export function alloc(backend: KernelBackend, shape: number[]): TensorInfo {
  if (isWasm(backend)) return (backend as unknown as WasmLike).makeOutput(shape, 'float32');
  const size = shape.reduce((a, b) => a * b, 1);
  return (backend as unknown as CpuLike).makeTensorInfo(shape, 'float32', new Float32Array(size));
}

/** The float32 storage of a tensor, to read or write in place. */
export function view(backend: KernelBackend, t: TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`expected a float32 tensor, got ${t.dtype}`);
  const a = isWasm(backend)
    ? (backend as unknown as WasmLike).typedArrayFromHeap(t)
    : (backend as unknown as CpuLike).readSync(t.dataId);
  if (!(a instanceof Float32Array)) throw new Error('tensor storage is not a Float32Array');
  return a;
}
