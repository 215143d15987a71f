import {
  getKernel,
  registerKernel,
  unregisterKernel,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs-core';

/** A kernel registered in place of a backend's own, which it keeps for fallback and restoring. */
interface Replacement extends KernelConfig {
  replaced: KernelConfig | undefined;
}

const isReplacement = (k: KernelConfig | undefined): k is Replacement => k != null && 'replaced' in k;

/**
 * Registers `make(original)` in place of a backend's kernel (the original is passed in,
 * for cases the replacement leaves to it). The original's setup still runs when the
 * backend initialises, so falling back to it works even if we replaced it first.
 * @returns true when this call replaced it (false when ours was already there).
 */
export function replaceKernel(
  kernelName: string,
  backendName: string,
  make: (original: KernelConfig | undefined) => KernelFunc,
): boolean {
  const current = getKernel(kernelName, backendName);
  if (isReplacement(current)) return false;
  if (current) unregisterKernel(kernelName, backendName);
  const config: Replacement = {
    kernelName,
    backendName,
    kernelFunc: make(current),
    setupFunc: current?.setupFunc,
    disposeFunc: current?.disposeFunc,
    replaced: current,
  };
  registerKernel(config);
  return true;
}

/**
 * Puts a backend's own kernel back where `replaceKernel` replaced it (scripts compare
 * the two this way).
 * @returns true when something was restored.
 */
export function restoreKernel(kernelName: string, backendName: string): boolean {
  const current = getKernel(kernelName, backendName);
  if (!isReplacement(current)) return false;
  unregisterKernel(kernelName, backendName);
  if (current.replaced) registerKernel(current.replaced);
  return true;
}
