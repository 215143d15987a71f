import {
  engine,
  getGradient,
  getKernel,
  registerGradient,
  registerKernel,
  reshape,
  type KernelBackend,
  type KernelFunc,
  type Tensor,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { channelPassesFactory, withPasses, type PassesFor } from './channel-passes';
import { alloc, view } from './heap';

/**
 * y = x + bias over the last axis, with its bias gradient (the per-channel sum of dy)
 * as one pass. tfjs's broadcast Add is fine forward, but its gradient sums dy over the
 * leading axes with a transposing reduction: for LeNet's first conv (885K values) that
 * alone took ~4 ms a step on wasm.
 */
export const BIAS_ADD = 'LayerloomBiasAdd';
export const BIAS_ADD_GRAD = 'LayerloomBiasAddGrad';

const makeForward =
  (passesFor: PassesFor): KernelFunc =>
  ({ inputs, backend: anyBackend }) => {
    const backend = anyBackend as KernelBackend;
    const { x, bias } = inputs as { x: TensorInfo; bias: TensorInfo };
    const c = x.shape[x.shape.length - 1]!;
    if (bias.shape.length !== 1 || bias.shape[0] !== c)
      throw new Error(`bias add: bias must have shape [${c}]`);
    const out = alloc(backend, x.shape.slice());
    withPasses(passesFor, backend, c, (passes) => {
      const b = Float64Array.from(view(backend, bias));
      passes.affine(x, x, out, new Float64Array(c).fill(1), new Float64Array(c), b);
    });
    return out;
  };

const makeBackward =
  (passesFor: PassesFor): KernelFunc =>
  ({ inputs, backend: anyBackend }) => {
    const backend = anyBackend as KernelBackend;
    const { dy } = inputs as { dy: TensorInfo };
    const c = dy.shape[dy.shape.length - 1]!;
    const out = alloc(backend, [c]);
    withPasses(passesFor, backend, c, (passes) => {
      const zero = new Float64Array(c);
      const { s1 } = passes.sums(dy, dy, zero, zero);
      view(backend, out).set(s1);
    });
    return out;
  };

/**
 * Registers the bias-add kernels for a backend, and the gradient (once).
 * @returns true when this call registered anything.
 */
export function registerBiasAdd(backendName: string): boolean {
  let added = false;
  if (!getKernel(BIAS_ADD, backendName)) {
    const passesFor = channelPassesFactory();
    registerKernel({ kernelName: BIAS_ADD, backendName, kernelFunc: makeForward(passesFor) });
    registerKernel({ kernelName: BIAS_ADD_GRAD, backendName, kernelFunc: makeBackward(passesFor) });
    added = true;
  }
  if (getGradient(BIAS_ADD) == null) {
    registerGradient({
      kernelName: BIAS_ADD,
      gradFunc: (dy, _saved, _attrs) => {
        const g = dy as Tensor;
        return {
          x: () => reshape(g, g.shape),
          bias: () => engine().runKernel(BIAS_ADD_GRAD, { dy: g }) as Tensor,
        };
      },
    });
    added = true;
  }
  return added;
}

/** x + bias (bias [C] added along the last axis); needs `registerBiasAdd` for the active backend. */
export const biasAdd = (x: Tensor, bias: Tensor): Tensor =>
  engine().runKernel(BIAS_ADD, { x, bias }) as Tensor;

/** True when the bias-add kernel runs on the given backend. */
export const hasBiasAdd = (backendName: string): boolean => getKernel(BIAS_ADD, backendName) != null;
