import {
  engine,
  getGradient,
  getKernel,
  registerGradient,
  registerKernel,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type Tensor,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { channelPassesFactory, withPasses, type PassesFor } from './channel-passes';
import { alloc, view } from './heap';

/**
 * Batch normalisation with the batch's own statistics (training mode) as one kernel,
 * with its gradient as one more. tfjs builds the same thing from moments, broadcast
 * arithmetic and, in the gradient, Tile: a dozen passes over the data, most of a wasm
 * training step. Here the forward pass reads x twice and the backward pass reads dy and
 * x twice, in place on the backend's storage: with a small SIMD module on the wasm
 * heap, in plain JS on the cpu backend (channel-passes.ts).
 *
 * The data is seen as rows × C (channels last, any rank). Sums are accumulated in
 * doubles (in short f32 blocks first with SIMD).
 */
export const BN_TRAIN = 'LayerloomBatchNormTrain';
export const BN_TRAIN_GRAD = 'LayerloomBatchNormTrainGrad';

/** Attributes of both kernels. */
export interface BatchNormTrainAttrs {
  epsilon: number;
}

const epsilonOf = (attrs: NamedAttrMap | undefined): number => {
  const e = (attrs as unknown as BatchNormTrainAttrs | undefined)?.epsilon;
  if (typeof e !== 'number' || !(e >= 0))
    throw new Error(`batch norm epsilon must be a number ≥ 0, got ${e}`);
  return e;
};

/** Forward: inputs x [..., C], gamma [C], beta [C]; outputs y, batch mean [C], batch variance [C] (biased). */
const makeForward =
  (passesFor: PassesFor): KernelFunc =>
  ({ inputs, attrs, backend: anyBackend }) => {
    const backend = anyBackend as KernelBackend;
    const { x, gamma, beta } = inputs as { x: TensorInfo; gamma: TensorInfo; beta: TensorInfo };
    const eps = epsilonOf(attrs);
    const c = x.shape[x.shape.length - 1]!;
    if (gamma.shape.length !== 1 || gamma.shape[0] !== c || beta.shape.length !== 1 || beta.shape[0] !== c)
      throw new Error(`batch norm: gamma and beta must have shape [${c}]`);
    const out = alloc(backend, x.shape.slice());
    const meanOut = alloc(backend, [c]);
    const varOut = alloc(backend, [c]);
    withPasses(passesFor, backend, c, (passes) => {
      // Sums around the first row, so that a large mean costs no digits of the variance.
      const shift = Float64Array.from(view(backend, x).subarray(0, c));
      const { s1, s2 } = passes.sums(x, x, shift, shift);
      const rows = util.sizeFromShape(x.shape) / c;
      const [g, bt] = [view(backend, gamma), view(backend, beta)];
      const mean = new Float64Array(c);
      const variance = new Float64Array(c);
      const a = new Float64Array(c);
      const k = new Float64Array(c);
      for (let j = 0; j < c; j++) {
        const m = s1[j]! / rows;
        mean[j] = shift[j]! + m;
        variance[j] = Math.max(0, s2[j]! / rows - m * m);
        a[j] = g[j]! / Math.sqrt(variance[j]! + eps);
        k[j] = bt[j]! - mean[j]! * a[j]!;
      }
      passes.affine(x, x, out, a, new Float64Array(c), k);
      view(backend, meanOut).set(mean);
      view(backend, varOut).set(variance);
    });
    return [out, meanOut, varOut];
  };

/**
 * Backward: inputs dy, x, gamma, mean, variance (the forward pass's); outputs dx, dgamma, dbeta.
 * With x̂ = (x − mean)·s, s = 1/√(var + ε), M rows:
 *   dbeta = Σ dy,  dgamma = s·Σ dy·(x − mean),
 *   dx = γ·s·(dy − dbeta/M − x̂·dgamma/M)   (as dx = dy·a + x·b + k per channel).
 */
const makeBackward =
  (passesFor: PassesFor): KernelFunc =>
  ({ inputs, attrs, backend: anyBackend }) => {
    const backend = anyBackend as KernelBackend;
    const t = inputs as Record<'dy' | 'x' | 'gamma' | 'mean' | 'variance', TensorInfo>;
    const eps = epsilonOf(attrs);
    const c = t.x.shape[t.x.shape.length - 1]!;
    const dxOut = alloc(backend, t.x.shape.slice());
    const dgOut = alloc(backend, [c]);
    const dbOut = alloc(backend, [c]);
    withPasses(passesFor, backend, c, (passes) => {
      const mean = Float64Array.from(view(backend, t.mean));
      const { s1: sdy, s2: sdyx } = passes.sums(t.dy, t.x, new Float64Array(c), mean);
      const rows = util.sizeFromShape(t.x.shape) / c;
      const [g, variance] = [view(backend, t.gamma), view(backend, t.variance)];
      const [dg, db] = [view(backend, dgOut), view(backend, dbOut)];
      const a = new Float64Array(c);
      const b = new Float64Array(c);
      const k = new Float64Array(c);
      for (let j = 0; j < c; j++) {
        const s = 1 / Math.sqrt(variance[j]! + eps);
        a[j] = g[j]! * s;
        b[j] = (-g[j]! * s * s * s * sdyx[j]!) / rows;
        k[j] = -b[j]! * mean[j]! - (a[j]! * sdy[j]!) / rows;
        dg[j] = sdyx[j]! * s;
        db[j] = sdy[j]!;
      }
      passes.affine(t.dy, t.x, dxOut, a, b, k);
    });
    return [dxOut, dgOut, dbOut];
  };

/**
 * Registers both kernels for a backend, and the gradient (once: gradients are global).
 * The mean and variance outputs are treated as constants by the gradient (they only
 * feed the running averages, which are not differentiated).
 * @returns true when this call registered anything.
 */
export function registerBatchNormTrain(backendName: string): boolean {
  let added = false;
  if (!getKernel(BN_TRAIN, backendName)) {
    const passesFor = channelPassesFactory();
    registerKernel({ kernelName: BN_TRAIN, backendName, kernelFunc: makeForward(passesFor) });
    registerKernel({ kernelName: BN_TRAIN_GRAD, backendName, kernelFunc: makeBackward(passesFor) });
    added = true;
  }
  if (!hasGradient()) {
    registerGradient({
      kernelName: BN_TRAIN,
      inputsToSave: ['x', 'gamma'],
      outputsToSave: [false, true, true],
      gradFunc: (dy, saved, attrs) => {
        const [x, gamma, mean, variance] = saved as [Tensor, Tensor, Tensor, Tensor];
        const dys = dy as Tensor[];
        // All three come from one kernel call; the engine tidies each input's closure
        // separately, so they are computed here rather than inside the first closure.
        const [dx, dg, db] = engine().runKernel(
          BN_TRAIN_GRAD,
          { dy: dys[0]!, x, gamma, mean, variance },
          attrs,
        ) as Tensor[];
        return { x: () => dx!, gamma: () => dg!, beta: () => db! };
      },
    });
    added = true;
  }
  return added;
}

/** True once the gradient is registered (gradients are global, not per backend). */
const hasGradient = (): boolean => getGradient(BN_TRAIN) != null;

/**
 * Batch norm in training mode for `x` [..., C]: returns y and the batch's mean and biased
 * variance. Runs on any backend where `registerBatchNormTrain` registered it.
 */
export function batchNormTrain(
  x: Tensor,
  gamma: Tensor,
  beta: Tensor,
  epsilon: number,
): { y: Tensor; mean: Tensor; variance: Tensor } {
  const attrs: BatchNormTrainAttrs = { epsilon };
  const [y, mean, variance] = engine().runKernel(
    BN_TRAIN,
    { x, gamma, beta },
    attrs as unknown as NamedAttrMap,
  ) as Tensor[];
  return { y: y!, mean: mean!, variance: variance! };
}

/** True when the fused batch norm runs on the given backend. */
export const hasBatchNormTrain = (backendName: string): boolean => getKernel(BN_TRAIN, backendName) != null;
