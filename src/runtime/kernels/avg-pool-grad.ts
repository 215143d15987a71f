import {
  AvgPoolGrad,
  backend_util,
  type AvgPoolGradAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { alloc, view } from './heap';
import { replaceKernel, restoreKernel } from './replace';

/**
 * Average pooling's gradient for the wasm backend, in JS on the wasm heap: each output
 * gradient is spread over its window (times 1/window size, as tfjs's kernels do),
 * channels innermost so that it streams through memory. wasm's own kernel walks the
 * input gradient element by element and searches the windows that cover it, several
 * times slower for LeNet's pools.
 */

const BACKEND = 'wasm';

/** Any pooling: every output gradient added over its window (dx starts at zero). */
function spreadGrad(info: backend_util.Conv2DInfo, g: Float32Array, dx: Float32Array): void {
  dx.fill(0);
  const { batchSize, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, inChannels: c } = info;
  const [sh, sw, fh, fw] = [info.strideHeight, info.strideWidth, info.filterHeight, info.filterWidth];
  const { top, left } = info.padInfo;
  const mult = 1 / (fh * fw);
  for (let b = 0, src = 0; b < batchSize; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++, src += c) {
        const i0 = Math.max(0, i * sh - top);
        const i1 = Math.min(h, i * sh - top + fh);
        const j0 = Math.max(0, j * sw - left);
        const j1 = Math.min(w, j * sw - left + fw);
        for (let y = i0; y < i1; y++)
          for (let x = j0; x < j1; x++) {
            const to = ((b * h + y) * w + x) * c;
            for (let k = 0; k < c; k++) dx[to + k] = dx[to + k]! + g[src + k]! * mult;
          }
      }
}

/**
 * Windows that tile the input without overlap or padding (LeNet's 2×2, stride 2): each
 * input position takes its one window's value. The first row of each band of windows is
 * written element by element, the band's other rows are copies of it; positions past
 * the last window get zero.
 */
function tiledGrad(info: backend_util.Conv2DInfo, g: Float32Array, dx: Float32Array): void {
  const { batchSize, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow, inChannels: c } = info;
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  const mult = 1 / (sh * sw);
  const rowLen = w * c;
  for (let b = 0; b < batchSize; b++) {
    const image = b * h * rowLen;
    for (let i = 0; i < oh; i++) {
      const first = image + i * sh * rowLen;
      let to = first;
      for (let j = 0, src = (b * oh + i) * ow * c; j < ow; j++, src += c)
        for (let x = 0, n = Math.min(sw, w - j * sw); x < n; x++)
          for (let k = 0; k < c; k++) dx[to++] = g[src + k]! * mult;
      dx.fill(0, to, first + rowLen);
      const rows = Math.min(sh, h - i * sh);
      for (let y = 1; y < rows; y++) dx.copyWithin(first + y * rowLen, first, first + rowLen);
    }
    dx.fill(0, Math.min(image + oh * sh * rowLen, image + h * rowLen), image + h * rowLen);
  }
}

/** The kernel function; NCHW or dilated cases go to `original`. */
export const makeAvgPoolGradWasm =
  (original: KernelConfig | undefined): KernelFunc =>
  (args) => {
    const backend = args.backend as KernelBackend;
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const a = args.attrs as unknown as AvgPoolGradAttrs;
    const info = backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad,
    );
    if (info.dataFormat !== 'channelsLast' || info.dilationHeight !== 1 || info.dilationWidth !== 1) {
      if (!original) throw new Error('AvgPoolGrad: no kernel for this case on wasm');
      return original.kernelFunc(args);
    }
    const out = alloc(backend, input.shape.slice());
    const tiles = info.strideHeight === info.filterHeight && info.strideWidth === info.filterWidth;
    if (tiles && info.padInfo.top === 0 && info.padInfo.left === 0)
      tiledGrad(info, view(backend, dy), view(backend, out));
    else spreadGrad(info, view(backend, dy), view(backend, out));
    return out;
  };

/** Replaces wasm's AvgPoolGrad with ours. @returns true when this call did. */
export const registerAvgPoolGradWasm = (): boolean =>
  replaceKernel(AvgPoolGrad, BACKEND, makeAvgPoolGradWasm);

/** Puts tfjs's own kernel back. @returns true when it was replaced. */
export const restoreAvgPoolGradWasm = (): boolean => restoreKernel(AvgPoolGrad, BACKEND);
