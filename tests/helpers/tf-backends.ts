import { createRequire } from 'node:module';
import path from 'node:path';
import { createRng } from '../../src/util/random';

/**
 * The folder (with trailing separator) holding tfjs-backend-wasm's .wasm files in
 * node_modules, as setupBackend's `wasmPaths` in Node tests.
 */
export function nodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(main) + path.sep;
}

/** Deterministic uniform values in [-1, 1), for kernel comparisons. */
export function seededValues(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() * 2 - 1;
  return out;
}

/** max |a - b| and max |b| over two equally long arrays. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): { diff: number; scale: number } {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return { diff, scale };
}
