import {
  backend_util,
  Conv2D,
  Conv2DBackpropInput,
  getKernel,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { alloc, view } from './heap';
import { replaceKernel, restoreKernel } from './replace';

/**
 * The input gradient of a 2D convolution on the wasm backend, built on its XNNPACK
 * convolution instead of tfjs's scalar loop. For NHWC dy[B,OH,OW,Co], filter W[KH,KW,Ci,Co],
 * stride s and forward padding (top, left):
 *   dx[b,i,j,ci] = Σ_{kh,kw,co} dy[b,oh,ow,co] · W[kh,kw,ci,co],  i = oh·s + kh − top
 * which is a stride-1 convolution of dy dilated by s (s − 1 zeros between values) with
 * the filter flipped in both spatial axes and its channel axes swapped, padded by
 * KH − 1 − top above and whatever makes the output H rows below.
 */

const BACKEND = 'wasm';

/** Padding of the transposed convolution, or null when the forward padding exceeds the filter (left to tfjs). */
export function inputGradPadding(info: backend_util.Conv2DInfo): [[number, number], [number, number]] | null {
  const dh = (info.outHeight - 1) * info.strideHeight + 1;
  const dw = (info.outWidth - 1) * info.strideWidth + 1;
  const top = info.filterHeight - 1 - info.padInfo.top;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const bottom = info.inHeight + info.filterHeight - 1 - dh - top;
  const right = info.inWidth + info.filterWidth - 1 - dw - left;
  if (Math.min(top, left, bottom, right) < 0) return null;
  return [
    [top, bottom],
    [left, right],
  ];
}

/** dy with s − 1 zero rows/columns between its values (a fresh tensor). */
function dilate(backend: KernelBackend, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  const [b, oh, ow, c] = dy.shape as [number, number, number, number];
  const dh = (oh - 1) * sh + 1;
  const dw = (ow - 1) * sw + 1;
  const out = alloc(backend, [b, dh, dw, c]);
  const src = view(backend, dy);
  const dst = view(backend, out);
  dst.fill(0);
  for (let n = 0; n < b; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        const from = ((n * oh + i) * ow + j) * c;
        const to = ((n * dh + i * sh) * dw + j * sw) * c;
        dst.set(src.subarray(from, from + c), to);
      }
  return out;
}

/** W[KH,KW,Ci,Co] → W'[KH,KW,Co,Ci] flipped in both spatial axes (a fresh tensor). */
function flipFilter(backend: KernelBackend, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  const out = alloc(backend, [kh, kw, co, ci]);
  const src = view(backend, filter);
  const dst = view(backend, out);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++) {
      const from = ((kh - 1 - i) * kw + (kw - 1 - j)) * ci * co;
      const to = (i * kw + j) * co * ci;
      for (let a = 0; a < ci; a++)
        for (let b = 0; b < co; b++) dst[to + b * ci + a] = src[from + a * co + b]!;
    }
  return out;
}

/** The kernel function; hands cases it does not cover (NCHW, unusual padding) to `original`. */
export const makeConv2dBackpropInputWasm =
  (original: KernelConfig | undefined): KernelFunc =>
  (args) => {
    const backend = args.backend as KernelBackend;
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const format = backend_util.convertConv2DDataFormat(a.dataFormat);
    const info = backend_util.computeConv2DInfo(
      a.inputShape,
      filter.shape as [number, number, number, number],
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
      false,
      format,
    );
    const pad = format === 'channelsLast' ? inputGradPadding(info) : null;
    const conv = getKernel(Conv2D, BACKEND);
    if (!pad || !conv) {
      if (!original) throw new Error('Conv2DBackpropInput: no kernel for this case on wasm');
      return original.kernelFunc(args);
    }
    const temps: TensorInfo[] = [];
    try {
      const strided = info.strideHeight > 1 || info.strideWidth > 1;
      const x = strided ? dilate(backend, dy, info.strideHeight, info.strideWidth) : dy;
      if (strided) temps.push(x);
      const w = flipFilter(backend, filter);
      temps.push(w);
      return conv.kernelFunc({
        inputs: { x, filter: w },
        attrs: { strides: [1, 1], pad: [[0, 0], ...pad, [0, 0]], dataFormat: 'NHWC', dilations: [1, 1] },
        backend,
      }) as TensorInfo;
    } finally {
      for (const t of temps) backend.disposeData(t.dataId);
    }
  };

/** Replaces wasm's Conv2DBackpropInput with ours. @returns true when this call did. */
export const registerConv2dBackpropInputWasm = (): boolean =>
  replaceKernel(Conv2DBackpropInput, BACKEND, makeConv2dBackpropInputWasm);

/** Puts tfjs's own kernel back. @returns true when it was replaced. */
export const restoreConv2dBackpropInputWasm = (): boolean => restoreKernel(Conv2DBackpropInput, BACKEND);
