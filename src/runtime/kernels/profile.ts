import * as tf from '@tensorflow/tfjs-core';

/** Time spent in one kernel over a profiled call. */
export interface KernelTime {
  name: string;
  calls: number;
  ms: number;
}

/**
 * Runs `f` under tfjs's profiler and sums the time of every kernel it ran, by kernel
 * name, largest first (for scripts/profile-step.mjs; kernels that call other kernels'
 * functions directly count as one).
 */
export async function profileKernels(f: () => Promise<unknown>): Promise<KernelTime[]> {
  const info = await tf.profile(async () => {
    await f();
    return [];
  });
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels) {
    const t = byName.get(k.name) ?? { name: k.name, calls: 0, ms: 0 };
    t.calls += 1;
    t.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(k.name, t);
  }
  return [...byName.values()].sort((a, b) => b.ms - a.ms);
}
