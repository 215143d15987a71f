import { getKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { registerAvgPoolGradWasm, restoreAvgPoolGradWasm } from './avg-pool-grad';
import { BN_TRAIN, BN_TRAIN_GRAD, registerBatchNormTrain } from './batch-norm';
import { BIAS_ADD, BIAS_ADD_GRAD, registerBiasAdd } from './bias-add';
import { registerBatchMatMulWasm, restoreBatchMatMulWasm } from './batch-mat-mul';
import { registerConv2dBackpropFilterWasm } from './conv2d-backprop-filter';
import { registerConv2dBackpropInputWasm, restoreConv2dBackpropInputWasm } from './conv2d-backprop-input';
import { registerIdentityWasm, restoreIdentityWasm } from './identity';

/**
 * Our optional fast paths (each gives the same results as tfjs's own kernels, within
 * float rounding): 'batchNorm' — batch norm in training mode as one kernel with its own
 * gradient (wasm and cpu); 'convInputGrad' — wasm's conv input gradient on XNNPACK's
 * convolution; 'matMulTranspose' — wasm matmuls with a transposed operand transpose it
 * first; 'avgPoolGrad' — wasm's average-pooling gradient as a streaming loop;
 * 'biasAdd' — a bias added over channels with a one-pass gradient (wasm and cpu), used by
 * the conv that reads the model input (forward.ts); 'sharedIdentity' — wasm's Identity
 * (tfjs clones every tensor saved for a gradient) shares the data instead of copying it.
 */
export type FastPath =
  'batchNorm' | 'convInputGrad' | 'matMulTranspose' | 'avgPoolGrad' | 'biasAdd' | 'sharedIdentity';

/** Every fast path. */
export const FAST_PATHS: readonly FastPath[] = [
  'batchNorm',
  'convInputGrad',
  'matMulTranspose',
  'avgPoolGrad',
  'biasAdd',
  'sharedIdentity',
];

/** Backends our own (backend-agnostic) kernels are registered for. */
const OWN_BACKENDS = ['wasm', 'cpu'];

/** Removes one of our kernel pairs from every backend (its gradient stays registered, unused). */
function unregisterPair(forward: string, backward: string): boolean {
  let removed = false;
  for (const b of OWN_BACKENDS) {
    if (!getKernel(forward, b)) continue;
    unregisterKernel(forward, b);
    unregisterKernel(backward, b);
    removed = true;
  }
  return removed;
}

const ON: Record<FastPath, () => boolean> = {
  batchNorm: () => OWN_BACKENDS.map(registerBatchNormTrain).some(Boolean),
  convInputGrad: registerConv2dBackpropInputWasm,
  matMulTranspose: registerBatchMatMulWasm,
  avgPoolGrad: registerAvgPoolGradWasm,
  biasAdd: () => OWN_BACKENDS.map(registerBiasAdd).some(Boolean),
  sharedIdentity: registerIdentityWasm,
};

const OFF: Record<FastPath, () => boolean> = {
  batchNorm: () => unregisterPair(BN_TRAIN, BN_TRAIN_GRAD),
  convInputGrad: restoreConv2dBackpropInputWasm,
  matMulTranspose: restoreBatchMatMulWasm,
  avgPoolGrad: restoreAvgPoolGradWasm,
  biasAdd: () => unregisterPair(BIAS_ADD, BIAS_ADD_GRAD),
  sharedIdentity: restoreIdentityWasm,
};

/**
 * Registers every kernel Layerloom adds to tfjs. Explicit and idempotent (each
 * registration checks first), never an import side effect, because tfjs's kernel
 * registry is global to the process. Fast paths named in `disabled` are removed
 * instead (tfjs's own kernels put back), which scripts use to compare them.
 * @returns what this call changed, e.g. 'Conv2DBackpropFilter/wasm', '+batchNorm', '-convInputGrad'.
 */
export function registerRuntimeKernels(disabled: readonly FastPath[] = []): string[] {
  const changed: string[] = [];
  if (registerConv2dBackpropFilterWasm()) changed.push('Conv2DBackpropFilter/wasm');
  for (const p of FAST_PATHS) {
    const off = disabled.includes(p);
    if ((off ? OFF : ON)[p]()) changed.push(`${off ? '-' : '+'}${p}`);
  }
  return changed;
}
