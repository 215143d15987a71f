import {
  BatchMatMul,
  getKernel,
  Transpose,
  type BatchMatMulAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { replaceKernel, restoreKernel } from './replace';

/**
 * wasm's BatchMatMul with a transposed operand takes a slow path (XNNPACK's fast matmul
 * wants both operands untransposed), and a dense layer's backward pass has one in each
 * of its two products. Transposing the operand explicitly first (one cheap copy) and
 * then multiplying plainly is much faster for the sizes a training step sees.
 */

const BACKEND = 'wasm';

/** Swaps the last two axes of a tensor with wasm's Transpose (a fresh tensor). */
function swapLastTwo(backend: KernelBackend, t: TensorInfo): TensorInfo {
  const transpose = getKernel(Transpose, BACKEND)!;
  const r = t.shape.length;
  const perm = Array.from({ length: r }, (_, i) => (i === r - 2 ? r - 1 : i === r - 1 ? r - 2 : i));
  return transpose.kernelFunc({ inputs: { x: t }, attrs: { perm }, backend }) as TensorInfo;
}

/** The replacement kernel function around wasm's own (`original`). */
export const makeBatchMatMulWasm =
  (original: KernelConfig | undefined): KernelFunc =>
  (args) => {
    if (!original) throw new Error('BatchMatMul: no wasm kernel to build on');
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    if ((!transposeA && !transposeB) || !getKernel(Transpose, BACKEND)) return original.kernelFunc(args);
    const backend = args.backend as KernelBackend;
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const temps: TensorInfo[] = [];
    try {
      const a2 = transposeA ? swapLastTwo(backend, a) : a;
      if (transposeA) temps.push(a2);
      const b2 = transposeB ? swapLastTwo(backend, b) : b;
      if (transposeB) temps.push(b2);
      return original.kernelFunc({
        inputs: { a: a2, b: b2 },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
        backend,
      });
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };

/** Replaces wasm's BatchMatMul with ours. @returns true when this call did. */
export const registerBatchMatMulWasm = (): boolean =>
  replaceKernel(BatchMatMul, BACKEND, makeBatchMatMulWasm);

/** Puts tfjs's own kernel back. @returns true when it was replaced. */
export const restoreBatchMatMulWasm = (): boolean => restoreKernel(BatchMatMul, BACKEND);
