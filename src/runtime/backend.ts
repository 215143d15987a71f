import * as tf from '@tensorflow/tfjs-core';
// Importing the backend packages registers their factories with the engine (their own
// side effect); nothing is initialised until setupBackend picks one.
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from '../training/protocol';
import { registerRuntimeKernels } from './kernels/register';

/** Where the wasm binaries live; passed in because it differs between Node, dev server and app. */
export interface BackendOptions {
  /**
   * A folder prefix ending in '/' (a URL in the browser, a file path in Node), or a map
   * from each of the three tfjs wasm file names to its location.
   */
  wasmPaths?: string | Record<string, string>;
}

/** The backend that ended up active, and why (shown to the user, e.g. after a fallback). */
export interface BackendSetup {
  backend: string;
  reason: string;
}

/** Thrown when the requested backend cannot be used (the trainer reports it as 'train/backend'). */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}

/** True when `name` is the active backend and really initialised (setBackend can leave the name set after a failure). */
function isActive(name: string): boolean {
  return tf.getBackend() === name && tf.engine().registry[name] != null;
}

/** Activates one backend; returns null on success or why it failed. */
async function activate(name: 'wasm' | 'cpu', where = ''): Promise<string | null> {
  if (isActive(name)) return null;
  try {
    // On failure setBackend returns false but leaves the name set; tf.ready() would then
    // quietly initialise another backend, so it is only awaited after a success.
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    if (ok && isActive(name)) return null;
    return `the ${name} backend did not initialise${where}`;
  } catch (e) {
    return `the ${name} backend failed to initialise: ${(e as Error).message ?? String(e)}`;
  }
}

/** Where the wasm files were looked for, for messages. */
const describePaths = (paths: BackendOptions['wasmPaths']): string =>
  paths === undefined
    ? ''
    : ` (are the .wasm files at ${typeof paths === 'string' ? paths : Object.values(paths).join(', ')}?)`;

/** Points tfjs at the wasm binaries; returns why that failed, or null. */
function applyWasmPaths(paths: BackendOptions['wasmPaths']): string | null {
  if (paths === undefined || tf.engine().registry['wasm'] != null) return null;
  try {
    setWasmPaths(paths);
    return null;
  } catch {
    // tfjs refuses new paths once an initialisation attempt has failed in this process.
    return 'the wasm backend already failed to initialise in this session; reload to try again';
  }
}

/** Readies the wasm backend with our kernels; returns null on success or why it failed. */
async function setupWasm(opts: BackendOptions): Promise<string | null> {
  registerRuntimeKernels();
  const pathProblem = applyWasmPaths(opts.wasmPaths);
  if (pathProblem) return pathProblem;
  return activate('wasm', describePaths(opts.wasmPaths));
}

/** A short description of the wasm build that loaded. */
async function wasmFlavour(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = getThreadsCount();
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}`;
}

/**
 * Selects and initialises the tfjs backend for a run, and registers our own kernels.
 * Idempotent: calling it again with the same choice is cheap. 'auto' tries wasm and
 * falls back to the much slower cpu backend, saying why in `reason`.
 * @throws BackendError when an explicitly requested backend cannot be used.
 */
export async function setupBackend(choice: BackendChoice, opts: BackendOptions = {}): Promise<BackendSetup> {
  if (choice === 'cpu') {
    registerRuntimeKernels();
    const problem = await activate('cpu');
    if (problem) throw new BackendError(problem);
    return { backend: 'cpu', reason: 'cpu backend requested' };
  }
  const wasmProblem = await setupWasm(opts);
  if (!wasmProblem) {
    const how = choice === 'auto' ? 'chosen automatically' : 'requested';
    return { backend: 'wasm', reason: `wasm backend ${how} (${await wasmFlavour()})` };
  }
  if (choice === 'wasm') throw new BackendError(wasmProblem);
  const cpuProblem = await activate('cpu');
  if (cpuProblem) throw new BackendError(`${wasmProblem}; ${cpuProblem}`);
  return {
    backend: 'cpu',
    reason: `wasm unavailable (${wasmProblem}); fell back to the cpu backend, which is much slower`,
  };
}
