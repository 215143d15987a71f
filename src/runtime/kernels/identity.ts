import {
  Identity,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { replaceKernel, restoreKernel } from './replace';

/**
 * Identity on the wasm backend without a copy. tfjs clones every tensor a kernel saves
 * for its gradient (engine.saveTensorsForBackwardMode), and wasm's Identity copies the
 * data; sharing it instead (a reference count, as wasm's own Reshape does) is safe
 * because no kernel writes into its inputs. For LeNet that is ~10 copies of
 * activation-sized tensors per step.
 */

const BACKEND = 'wasm';

interface RefCounting {
  incRef(dataId: object): void;
}

/** The kernel function; string tensors go to `original`. */
export const makeIdentityWasm =
  (original: KernelConfig | undefined): KernelFunc =>
  (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') {
      if (!original) throw new Error('Identity: no kernel for string tensors on wasm');
      return original.kernelFunc(args);
    }
    (args.backend as KernelBackend & RefCounting).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
  };

/** Replaces wasm's Identity with ours. @returns true when this call did. */
export const registerIdentityWasm = (): boolean => replaceKernel(Identity, BACKEND, makeIdentityWasm);

/** Puts tfjs's own kernel back. @returns true when it was replaced. */
export const restoreIdentityWasm = (): boolean => restoreKernel(Identity, BACKEND);
