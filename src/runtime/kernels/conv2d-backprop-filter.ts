import {
  backend_util,
  Conv2D,
  Conv2DBackpropFilter,
  getKernel,
  registerKernel,
  Slice,
  Transpose,
  type Conv2DBackpropFilterAttrs,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/**
 * The filter gradient of a 2D convolution for the wasm backend, which tfjs 4.22 lacks
 * (so any conv layer fails on its first backward pass there).
 *
 * For NHWC input x[B,H,W,Ci] and output gradient dy[B,OH,OW,Co] with stride s:
 *   dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci] · dy[b,oh,ow,co]
 * which is itself a convolution: treat the batch as the channel axis, so the "input" is
 * xᵀ[Ci,H,W,B] and the "filter" is dyᵀ[OH,OW,B,Co], dilated by s. Its output [Ci,KH',KW',Co]
 * holds dW transposed (with KH' ≥ KH when the forward pass skipped trailing rows), so we
 * slice and transpose back. Every step runs on the wasm backend's own XNNPACK kernels.
 */

const KERNEL_NAME = Conv2DBackpropFilter;
const BACKEND = 'wasm';

/** Calls another kernel registered for the wasm backend (looked up, not imported: the package does not export them). */
function run(
  name: string,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
  backend: KernelBackend,
): TensorInfo {
  const kernel = getKernel(name, BACKEND);
  if (!kernel) throw new Error(`Kernel '${name}' is not registered for the wasm backend`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

/** Padding (top, bottom, left, right) that makes the transposed convolution cover every filter tap. */
export function filterGradPadding(info: backend_util.Conv2DInfo): {
  top: number;
  bottom: number;
  left: number;
  right: number;
} {
  const { top, left } = info.padInfo;
  // Rows the dilated "filter" spans, minus the rows available; never negative (extra rows are sliced off).
  const bottom = Math.max(
    0,
    info.filterHeight + info.strideHeight * (info.outHeight - 1) - info.inHeight - top,
  );
  const right = Math.max(0, info.filterWidth + info.strideWidth * (info.outWidth - 1) - info.inWidth - left);
  return { top, bottom, left, right };
}

/** The kernel function: dW from x and dy, built from Transpose, Conv2D and Slice. */
export const conv2dBackpropFilterWasm: KernelFunc = ({ inputs, attrs, backend: anyBackend }) => {
  const backend = anyBackend as KernelBackend;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  if (format !== 'channelsLast')
    throw new Error(`Conv2DBackpropFilter on wasm supports NHWC only, got ${dataFormat}`);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const p = filterGradPadding(info);
  const temps: TensorInfo[] = [];
  const keep = (t: TensorInfo): TensorInfo => (temps.push(t), t);
  try {
    const xT = keep(run(Transpose, { x }, { perm: [3, 1, 2, 0] }, backend));
    const dyT = keep(run(Transpose, { x: dy }, { perm: [1, 2, 0, 3] }, backend));
    let g = keep(
      run(
        Conv2D,
        { x: xT, filter: dyT },
        {
          strides: [1, 1],
          pad: [
            [0, 0],
            [p.top, p.bottom],
            [p.left, p.right],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          dilations: [info.strideHeight, info.strideWidth],
        },
        backend,
      ),
    );
    if (g.shape[1] !== info.filterHeight || g.shape[2] !== info.filterWidth) {
      const size = [info.inChannels, info.filterHeight, info.filterWidth, info.outChannels];
      g = keep(run(Slice, { x: g }, { begin: [0, 0, 0, 0], size }, backend));
    }
    // The result is the one tensor we hand back, so it is not a temporary.
    return run(Transpose, { x: g }, { perm: [1, 2, 0, 3] }, backend);
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
};

/**
 * Registers the wasm filter-gradient kernel unless one is already registered
 * (by us earlier, or by a future tfjs). Safe to call any number of times.
 * @returns true when this call registered it.
 */
export function registerConv2dBackpropFilterWasm(): boolean {
  if (getKernel(KERNEL_NAME, BACKEND)) return false;
  registerKernel({ kernelName: KERNEL_NAME, backendName: BACKEND, kernelFunc: conv2dBackpropFilterWasm });
  return true;
}
