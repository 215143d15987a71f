import * as tf from '@tensorflow/tfjs-core';
// Importing the backend packages registers their factories with the engine (their own
// side effect); nothing is initialised until setupBackend picks one.
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { wasmThreadsFor, type BackendName, type BackendPick } from '../training/backend-pick';
import type { BackendChoice } from '../training/protocol';
import { registerRuntimeKernels } from './kernels/register';
import { isSharedMemory, wasmMemoryOf } from './kernels/simd-module';

/** Where the wasm binaries live; passed in because it differs between Node, dev server and app. */
export interface BackendOptions {
  /**
   * A folder prefix ending in '/' (a URL in the browser, a file path in Node), or a map
   * from each of the three tfjs wasm file names to its location.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Threads of the wasm backend: 'auto' (default: see wasmThreadsFor), or a count, 0 for
   * the single-threaded SIMD build. Takes effect only before wasm first initialises.
   */
  wasmThreads?: number | 'auto';
  /**
   * Imports the GPU backend packages (webgl, webgpu), registering their factories. Only
   * hosts that can use them pass it (the worker); without it only wasm and cpu exist.
   */
  loadGpuBackends?: () => Promise<unknown>;
}

/** The backend that ended up active, and why (shown to the user, e.g. after a fallback). */
export interface BackendSetup {
  backend: string;
  reason: string;
  /** How 'auto' chose (absent where the choice was not probed). */
  pick?: BackendPick;
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
async function activate(name: BackendName, where = ''): Promise<string | null> {
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

/** The page's isolation and core count (a worker inherits its page's isolation). */
function hostThreadsEnv(): { hardwareConcurrency: number; crossOriginIsolated: boolean } {
  const g = globalThis as { crossOriginIsolated?: unknown; navigator?: { hardwareConcurrency?: unknown } };
  const cores = g.navigator?.hardwareConcurrency;
  return {
    hardwareConcurrency: typeof cores === 'number' ? cores : 1,
    crossOriginIsolated: g.crossOriginIsolated === true,
  };
}

/**
 * Chooses the wasm build before wasm first initialises: the threaded build (given a
 * thread count) or, with 0 threads, the single-threaded SIMD one, whose memory is not
 * shared. tfjs loads the threaded build wherever threads work, so that is turned off.
 */
function applyWasmThreads(requested: BackendOptions['wasmThreads']): void {
  if (tf.engine().registry['wasm'] != null) return;
  const threads = wasmThreadsFor(requested ?? 'auto', hostThreadsEnv());
  if (threads === 0) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else setThreadsCount(threads);
}

/** Readies the wasm backend with our kernels; returns null on success or why it failed. */
async function setupWasm(opts: BackendOptions): Promise<string | null> {
  registerRuntimeKernels();
  applyWasmThreads(opts.wasmThreads);
  const pathProblem = applyWasmPaths(opts.wasmPaths);
  if (pathProblem) return pathProblem;
  return activate('wasm', describePaths(opts.wasmPaths));
}

/** A short description of the wasm build that loaded. */
async function wasmFlavour(): Promise<string> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = getThreadsCount();
  const memory = wasmMemoryOf(tf.backend());
  const build = memory && isSharedMemory(memory) ? 'threaded build, ' : '';
  return `${simd ? 'SIMD' : 'no SIMD'}, ${build}${threads} thread${threads === 1 ? '' : 's'}`;
}

/** Loads the GPU backend packages once per call site's loader; returns why they are missing, or null. */
async function loadGpu(opts: BackendOptions): Promise<string | null> {
  if (!opts.loadGpuBackends) return 'GPU backends are not available in this environment';
  try {
    await opts.loadGpuBackends();
    return null;
  } catch (e) {
    return `the GPU backends could not be loaded: ${(e as Error).message ?? String(e)}`;
  }
}

/** The GPU backends this environment offers (their packages loaded; not yet initialised). */
export async function gpuBackends(opts: BackendOptions): Promise<BackendName[]> {
  if ((await loadGpu(opts)) !== null) return [];
  return (['webgpu', 'webgl'] as const).filter((b) => tf.findBackendFactory(b) != null);
}

/**
 * Makes one backend the active one (our kernels registered, wasm's build and paths
 * applied); returns null on success or why it failed.
 */
export async function activateBackend(name: BackendName, opts: BackendOptions = {}): Promise<string | null> {
  if (name === 'wasm') return setupWasm(opts);
  registerRuntimeKernels();
  if (name === 'cpu') return activate('cpu');
  const missing = await loadGpu(opts);
  if (missing) return missing;
  if (tf.findBackendFactory(name) == null) return `the ${name} backend is not part of this build`;
  return activate(name);
}

/**
 * Selects and initialises the tfjs backend for a run, and registers our own kernels.
 * Idempotent: calling it again with the same choice is cheap. 'auto' here tries wasm and
 * falls back to the much slower cpu backend, saying why in `reason` (a run's 'auto'
 * first times the backends against each other: backend-probe.ts).
 * @throws BackendError when an explicitly requested backend cannot be used.
 */
export async function setupBackend(choice: BackendChoice, opts: BackendOptions = {}): Promise<BackendSetup> {
  if (choice === 'cpu') {
    registerRuntimeKernels();
    const problem = await activate('cpu');
    if (problem) throw new BackendError(problem);
    return { backend: 'cpu', reason: 'cpu backend requested' };
  }
  if (choice === 'webgl' || choice === 'webgpu') {
    const problem = await activateBackend(choice, opts);
    if (problem) throw new BackendError(problem);
    return { backend: choice, reason: `${choice} backend requested` };
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
