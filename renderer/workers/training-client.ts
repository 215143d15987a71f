import type { ModelPlan } from '../../src/compiler/plan';
import type { WeightSet } from '../../src/compiler/tfjs-weights';
import type { DatasetRef, TrainingConfig } from '../../src/graph/document';
import {
  isFromTrainer,
  type BackendChoice,
  type Checkpoint,
  type FromTrainer,
  type RunLimits,
  type ToTrainer,
  type ViewAnswer,
  type ViewQuery,
} from '../../src/training/protocol';
import { isViewAnswer } from '../../src/training/views-protocol';
import { failureMessage, isOutOfMemory } from '../../src/training/failure-text';

/** What a run is started with. */
export interface StartArgs {
  plan: ModelPlan;
  config: TrainingConfig;
  dataset: DatasetRef;
  limits: RunLimits;
  backend?: BackendChoice;
  /** Weights to start from instead of fresh ones (imported with a model.json). */
  initialWeights?: WeightSet;
  /** Continue a run from its checkpoint (a stored epoch-end checkpoint) instead of fresh weights. */
  resume?: Checkpoint;
}

/** The trainer's weights: those of `runId` (the current or last run), or none when no run built a model. */
export interface RunWeights {
  runId: string | null;
  weights: WeightSet | null;
}

/** The typed face of the training worker. Messages of abandoned runs never reach listeners. */
export interface TrainingClient {
  /** Starts a run (an earlier one is stopped and its messages dropped) and returns its new runId. */
  start(args: StartArgs): string;
  /** Pauses the current run before its next batch. */
  pause(): void;
  /** Resumes a paused run. */
  resume(): void;
  /** Runs exactly one batch of a paused run. */
  step(): void;
  /** Ends the current run within one batch. */
  stop(): void;
  /** Changes the current run's learning rate from its next step on. */
  setLearningRate(lr: number): void;
  /** The current (or last) run's weights, copied out of the worker; no weights when there is no worker or run. */
  getWeights(): Promise<RunWeights>;
  /**
   * Asks about an ended run (evaluation, feature maps, a prediction for an image); the
   * answer, or 'view-failed' with why (no worker yet, the worker crashed, no such run).
   */
  view(query: ViewQuery): Promise<ViewAnswer>;
  /** Receives every message of the current run (and 'ready'); returns the unsubscribe function. */
  subscribe(listener: (msg: FromTrainer) => void): () => void;
  /** Terminates the worker; the client is unusable afterwards. */
  dispose(): void;
}

/** Options, mostly for tests. */
export interface TrainingClientOptions {
  /** Creates the worker (default: the Vite module worker, told the page's base URL). */
  createWorker?: () => Worker;
  /** New run ids (default: random UUIDs where available). */
  newRunId?: () => string;
  /**
   * wasm threads of the default worker (0: the single-threaded build); absent: its own
   * choice. An experiment's extra workers take a share of the cores this way.
   */
  wasmThreads?: number;
}

/** The page's base URL (read through globalThis: this file is also compiled with the worker's libs). */
function pageBaseUrl(): string {
  const page = globalThis as unknown as { document?: { baseURI: string }; location: { href: string } };
  return new URL('./', page.document?.baseURI ?? page.location.href).href;
}

/**
 * The real worker; the page's base URL goes in its name, where datasets and wasm files
 * are served, with the wasm thread count where one is given.
 */
function defaultWorker(wasmThreads?: number): Worker {
  const baseUrl = pageBaseUrl();
  return new Worker(new URL('./training.worker.ts', import.meta.url), {
    type: 'module',
    name: JSON.stringify({ baseUrl, ...(wasmThreads !== undefined && { wasmThreads }) }),
  });
}

/** Random UUIDs, or time plus a counter where crypto.randomUUID is missing (insecure origins). */
function runIdMaker(): () => string {
  let n = 0;
  return () => globalThis.crypto?.randomUUID?.() ?? `run-${Date.now().toString(36)}-${++n}`;
}

type StartMsg = Extract<ToTrainer, { type: 'start' }>;

/** Run id and liveness of the current run. */
interface Current {
  runId: string;
  active: boolean;
}

/**
 * Creates the client. The worker is created on the first start and again on the next
 * start after it crashed; a crash during a run is reported to listeners as that run's
 * 'failed' message with code 'train/worker-crashed'. Free of React.
 */
export function createTrainingClient(opts: TrainingClientOptions = {}): TrainingClient {
  const createWorker = opts.createWorker ?? (() => defaultWorker(opts.wasmThreads));
  const newRunId = opts.newRunId ?? runIdMaker();
  const listeners = new Set<(msg: FromTrainer) => void>();
  let worker: Worker | null = null;
  let current: Current | null = null;
  /** Unanswered 'get-weights' requests by request id. */
  const pending = new Map<string, (r: RunWeights) => void>();
  let requests = 0;
  /** Unanswered view requests by request id. */
  const views = new Map<string, (answer: ViewAnswer) => void>();
  const viewFailed = (q: { runId: string }, requestId: string, message: string): ViewAnswer => ({
    type: 'view-failed',
    requestId,
    runId: q.runId,
    code: 'view/no-run',
    message,
  });
  const settleAll = (): void => {
    for (const resolve of pending.values()) resolve({ runId: null, weights: null });
    pending.clear();
    for (const [requestId, resolve] of views)
      resolve(viewFailed({ runId: '' }, requestId, 'The training worker stopped'));
    views.clear();
  };

  const emit = (msg: FromTrainer): void => {
    for (const listener of [...listeners]) {
      try {
        listener(msg);
      } catch (e) {
        // One failing listener must not starve the others of messages.
        console.error('training listener failed', e);
      }
    }
  };

  const onMessage = (e: MessageEvent): void => {
    const msg: unknown = e.data;
    if (!isFromTrainer(msg)) return;
    if (msg.type === 'weights') {
      pending.get(msg.requestId)?.({ runId: msg.runId, weights: msg.weights });
      pending.delete(msg.requestId);
      return;
    }
    if (isViewAnswer(msg)) {
      views.get(msg.requestId)?.(msg);
      views.delete(msg.requestId);
      return;
    }
    if (msg.type !== 'ready' && msg.runId !== current?.runId) return;
    if ((msg.type === 'finished' || msg.type === 'failed') && current) current.active = false;
    emit(msg);
  };

  const onError = (e: ErrorEvent | Event): void => {
    const detail = 'message' in e && e.message ? e.message : 'no details';
    e.preventDefault?.();
    worker?.terminate();
    worker = null;
    settleAll();
    if (!current?.active) return;
    current.active = false;
    // A worker that ran out of memory gets advice of its own (a smaller batch or model).
    const text = {
      key: isOutOfMemory(detail) ? 'worker-out-of-memory' : 'worker-crashed',
      values: { error: detail },
    };
    emit({
      type: 'failed',
      runId: current.runId,
      diagnostic: { code: 'train/worker-crashed', message: failureMessage(text), ...text },
    });
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = createWorker();
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    worker = w;
    return w;
  };

  const send = (msg: ToTrainer): void => worker?.postMessage(msg);
  const control = (type: 'pause' | 'resume' | 'step' | 'stop'): void => {
    if (current) send({ type, runId: current.runId });
  };

  return {
    start(args) {
      const w = ensureWorker();
      const runId = newRunId();
      current = { runId, active: true };
      // The protocol types the plan loosely (the runtime checks it); a ModelPlan is one.
      const plan = args.plan as unknown as StartMsg['plan'];
      // The backend: the caller's, else the one chosen in the training settings, else 'auto'.
      const backend = args.backend ?? args.config.backend ?? 'auto';
      const msg: StartMsg = { type: 'start', runId, ...args, plan, backend };
      w.postMessage(msg);
      return runId;
    },
    pause: () => control('pause'),
    resume: () => control('resume'),
    step: () => control('step'),
    stop: () => control('stop'),
    setLearningRate(lr) {
      if (current) send({ type: 'set-lr', runId: current.runId, lr });
    },
    getWeights() {
      if (!worker) return Promise.resolve({ runId: null, weights: null });
      const requestId = `w${++requests}`;
      const w = worker;
      return new Promise<RunWeights>((resolve) => {
        pending.set(requestId, resolve);
        w.postMessage({ type: 'get-weights', requestId } satisfies ToTrainer);
      });
    },
    view(query) {
      const requestId = `v${++requests}`;
      if (!worker) return Promise.resolve(viewFailed(query, requestId, 'No run has trained in this session'));
      const w = worker;
      return new Promise<ViewAnswer>((resolve) => {
        views.set(requestId, resolve);
        w.postMessage({ ...query, requestId } as ToTrainer);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    dispose() {
      settleAll();
      worker?.terminate();
      worker = null;
      current = null;
      listeners.clear();
    },
  };
}
