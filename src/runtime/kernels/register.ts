import { registerConv2dBackpropFilterWasm } from './conv2d-backprop-filter';

/**
 * Registers every kernel Layerloom adds to tfjs. Explicit and idempotent (each
 * registration checks first), never an import side effect, because tfjs's kernel
 * registry is global to the process.
 * @returns the names of kernels this call registered (empty when all were there).
 */
export function registerRuntimeKernels(): string[] {
  const added: string[] = [];
  if (registerConv2dBackpropFilterWasm()) added.push('Conv2DBackpropFilter/wasm');
  return added;
}
