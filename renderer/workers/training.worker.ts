/**
 * The training worker's entry: a Trainer wired to this worker's messages. The page's
 * base URL arrives as JSON in the worker's name ({"baseUrl": "..."}), because the
 * worker's own URL (inside the bundle's assets) is not where datasets and wasm are served.
 */
import { Trainer } from '../../src/runtime/trainer';
import { transferablesOf } from '../../src/training/protocol';
import { createFetchDataSource } from './fetch-datasets';

interface WorkerScope {
  name: string;
  location: { href: string };
  postMessage(msg: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
}

const scope = self as unknown as WorkerScope;

/** The base URL from the worker's name, or the worker's own folder as a last resort. */
function baseUrlOf(name: string): string {
  try {
    const { baseUrl } = JSON.parse(name) as { baseUrl?: unknown };
    if (typeof baseUrl === 'string') return new URL(baseUrl).href;
  } catch {
    // Fall through: no usable name.
  }
  return new URL('./', scope.location.href).href;
}

/** A wasm thread count from the worker's name ({"wasmThreads": n}, for benchmarks), else 'auto'. */
function wasmThreadsOf(name: string): number | 'auto' {
  try {
    const { wasmThreads } = JSON.parse(name) as { wasmThreads?: unknown };
    if (typeof wasmThreads === 'number' && Number.isInteger(wasmThreads) && wasmThreads >= 0)
      return wasmThreads;
  } catch {
    // No usable name: decide automatically.
  }
  return 'auto';
}

/**
 * Loads the GPU backends for the 'auto' probe (their own chunks, fetched only then). Each
 * registers its factory on import; one that fails to load is simply not offered.
 */
const loadGpuBackends = () =>
  Promise.allSettled([import('@tensorflow/tfjs-backend-webgpu'), import('@tensorflow/tfjs-backend-webgl')]);

const baseUrl = baseUrlOf(scope.name);
const trainer = new Trainer(
  (msg) => scope.postMessage(msg, transferablesOf(msg)),
  createFetchDataSource(baseUrl),
  {
    backend: { wasmPaths: `${baseUrl}wasm/`, wasmThreads: wasmThreadsOf(scope.name), loadGpuBackends },
  },
);
scope.addEventListener('message', (e) => void trainer.handle(e.data));
trainer.announce();
