/**
 * The scheduling of an experiment's variants, free of workers and stores: at most N
 * jobs at once, started in the variants' order, each failure kept to its own variant,
 * and one cancel for all. The runner (experiment-runner.ts) gives it jobs that train.
 */

/** A started job: resolves with its result (or rejects when it fails); cancel asks it to end soon. */
export interface PoolJob<T> {
  done: Promise<T>;
  cancel(): void;
}

/** One task of the pool: its name (to report a failure by) and how to start it. */
export interface PoolTask<T> {
  name: string;
  start(): PoolJob<T>;
}

/** How a task ended: its result, the error it failed with, or cancelled before it started. */
export type PoolOutcome<T> =
  | { name: string; status: 'done'; value: T }
  | { name: string; status: 'failed'; error: string }
  | { name: string; status: 'cancelled' };

/** What the pool tells as it goes (both optional). */
export interface PoolHooks<T> {
  onStart?(index: number): void;
  onEnd?(index: number, outcome: PoolOutcome<T>): void;
}

/** A running pool: every task's outcome in task order once all have ended, and cancel for all. */
export interface Pool<T> {
  done: Promise<PoolOutcome<T>[]>;
  cancel(): void;
}

/**
 * Most variants trained at once. Each worker decodes its own copy of the dataset (the
 * whole of Fashion-MNIST is about 55 MB as bytes, more once scaled to floats) and holds
 * its own model and tfjs heap, so a few hundred MB per worker is the price: four keeps a
 * lab machine comfortable, and past the core count more workers only share the same cores.
 */
export const MAX_PARALLEL = 4;

/**
 * How many variants train at once: one when asked to run them one at a time or on a
 * single core; otherwise one per core (the page's main thread mostly waits while the
 * workers train), no more than there are variants, and at most MAX_PARALLEL.
 */
export function experimentParallelism(
  variants: number,
  cores: number | undefined,
  sequential: boolean,
): number {
  const c = Number.isFinite(cores) ? Math.floor(cores as number) : 1;
  if (sequential || c < 2 || variants < 2) return 1;
  return Math.max(1, Math.min(variants, c, MAX_PARALLEL));
}

/**
 * wasm threads for each extra worker of an experiment training `parallel` variants at
 * once. The app's own worker keeps its threads (half the cores where that is 2 or more,
 * else one: wasmThreadsFor in src/training/backend-pick.ts); the other workers share the
 * cores it leaves, so together they do not ask for more threads than there are cores.
 * Under two threads each, 0: the single-threaded build, cheaper than a pool of one.
 * (Threads only apply in a cross-origin-isolated page; elsewhere every worker has one.)
 */
export function extraWorkerThreads(cores: number, parallel: number): number {
  const half = Math.floor(cores / 2);
  const main = half >= 2 ? half : 1;
  const share = Math.floor((cores - main) / Math.max(1, parallel - 1));
  return share >= 2 ? Math.min(share, half) : 0;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Runs `tasks` with at most `limit` at once, starting them in order as others end. A task
 * that throws on start or whose job rejects is 'failed' with its message; the others go on.
 * cancel() cancels every running job (its outcome is what its job then resolves with) and
 * marks the tasks not yet started 'cancelled'.
 */
export function runPool<T>(tasks: readonly PoolTask<T>[], limit: number, hooks: PoolHooks<T> = {}): Pool<T> {
  const width = Math.max(1, Math.floor(limit));
  const outcomes: (PoolOutcome<T> | undefined)[] = tasks.map(() => undefined);
  const running = new Map<number, PoolJob<T>>();
  let next = 0;
  let cancelled = false;
  let finish: (all: PoolOutcome<T>[]) => void = () => {};
  const done = new Promise<PoolOutcome<T>[]>((resolve) => (finish = resolve));

  const settle = (i: number, outcome: PoolOutcome<T>): void => {
    outcomes[i] = outcome;
    running.delete(i);
    hooks.onEnd?.(i, outcome);
    fill();
  };
  const launch = (i: number): void => {
    const task = tasks[i]!;
    hooks.onStart?.(i);
    let job: PoolJob<T>;
    try {
      job = task.start();
    } catch (e) {
      settle(i, { name: task.name, status: 'failed', error: messageOf(e) });
      return;
    }
    running.set(i, job);
    job.done.then(
      (value) => settle(i, { name: task.name, status: 'done', value }),
      (e: unknown) => settle(i, { name: task.name, status: 'failed', error: messageOf(e) }),
    );
  };
  const fill = (): void => {
    while (!cancelled && running.size < width && next < tasks.length) launch(next++);
    if (running.size === 0 && (cancelled || next >= tasks.length)) {
      finish(outcomes.map((o, i) => o ?? { name: tasks[i]!.name, status: 'cancelled' }));
    }
  };
  fill();
  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      for (const job of [...running.values()]) job.cancel();
      fill();
    },
  };
}
