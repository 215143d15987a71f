import { describe, expect, it } from 'vitest';
import {
  experimentParallelism,
  extraWorkerThreads,
  MAX_PARALLEL,
  runPool,
  type PoolJob,
  type PoolTask,
} from '../../renderer/state/experiment-pool';
import type { FromTrainer } from '../../src/training/protocol';
import { fakeClient, toyStartArgs } from '../helpers/fake-worker';

/** A job the test ends by hand, with a log of what happened to it. */
interface HandJob {
  name: string;
  cancelled: boolean;
  resolve(v: string): void;
  reject(e: Error): void;
}

/** Tasks whose jobs the test ends; `log` records starts in order. */
function handTasks(names: string[]) {
  const jobs = new Map<string, HandJob>();
  const log: string[] = [];
  const tasks: PoolTask<string>[] = names.map((name) => ({
    name,
    start(): PoolJob<string> {
      log.push(`start ${name}`);
      const job: HandJob = { name, cancelled: false, resolve: () => {}, reject: () => {} };
      const done = new Promise<string>((resolve, reject) => {
        job.resolve = resolve;
        job.reject = reject;
      });
      jobs.set(name, job);
      return {
        done,
        cancel() {
          job.cancelled = true;
          job.resolve(`${name} stopped`);
        },
      };
    },
  }));
  return { tasks, jobs, log };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('experimentParallelism', () => {
  it.each([
    [2, 2, false, 2],
    [3, 2, false, 2],
    [2, 16, false, 2],
    [8, 16, false, MAX_PARALLEL],
    [3, 1, false, 1],
    [3, 8, true, 1],
    [1, 8, false, 1],
    [3, undefined, false, 1],
    [3, Number.NaN, false, 1],
  ])('%i variants on %s cores (sequential %s): %i at once', (variants, cores, sequential, want) => {
    expect(experimentParallelism(variants, cores, sequential)).toBe(want);
  });
});

describe('extraWorkerThreads', () => {
  it.each([
    [2, 2, 0],
    [4, 2, 2],
    [8, 2, 4],
    [8, 4, 0],
    [16, 4, 2],
    [16, 2, 8],
    [32, 4, 5],
  ])('%i cores, %i at once: %i threads per extra worker', (cores, parallel, want) => {
    expect(extraWorkerThreads(cores, parallel)).toBe(want);
  });
});

describe('runPool', () => {
  it('runs at most N at once and starts the rest in order as others end', async () => {
    const { tasks, jobs, log } = handTasks(['a', 'b', 'c', 'd']);
    const pool = runPool(tasks, 2);
    expect(log).toEqual(['start a', 'start b']);
    jobs.get('b')!.resolve('B');
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    jobs.get('a')!.resolve('A');
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    jobs.get('d')!.resolve('D');
    jobs.get('c')!.resolve('C');
    // Outcomes in task order, whatever order they ended in.
    expect(await pool.done).toEqual([
      { name: 'a', status: 'done', value: 'A' },
      { name: 'b', status: 'done', value: 'B' },
      { name: 'c', status: 'done', value: 'C' },
      { name: 'd', status: 'done', value: 'D' },
    ]);
  });

  it('one at a time with a limit of 1', async () => {
    const { tasks, jobs, log } = handTasks(['a', 'b']);
    const pool = runPool(tasks, 1);
    expect(log).toEqual(['start a']);
    jobs.get('a')!.resolve('A');
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    jobs.get('b')!.resolve('B');
    expect((await pool.done).map((o) => o.status)).toEqual(['done', 'done']);
  });

  it('a failed task is reported by name and the others go on', async () => {
    const { tasks, jobs } = handTasks(['a', 'b', 'c']);
    const ended: string[] = [];
    const pool = runPool(tasks, 2, { onEnd: (i, o) => ended.push(`${i}:${o.status}`) });
    jobs.get('a')!.reject(new Error('worker crashed'));
    await tick();
    expect(jobs.has('c')).toBe(true);
    jobs.get('b')!.resolve('B');
    jobs.get('c')!.resolve('C');
    const out = await pool.done;
    expect(out[0]).toEqual({ name: 'a', status: 'failed', error: 'worker crashed' });
    expect(out.slice(1).map((o) => o.status)).toEqual(['done', 'done']);
    expect(ended).toEqual(['0:failed', '1:done', '2:done']);
  });

  it('a task that throws when started fails alone', async () => {
    const { tasks, jobs } = handTasks(['b']);
    const broken: PoolTask<string> = {
      name: 'broken',
      start: () => {
        throw new Error('no worker');
      },
    };
    const pool = runPool([broken, ...tasks], 1);
    jobs.get('b')!.resolve('B');
    expect(await pool.done).toEqual([
      { name: 'broken', status: 'failed', error: 'no worker' },
      { name: 'b', status: 'done', value: 'B' },
    ]);
  });

  it('cancel stops every running job and never starts the rest', async () => {
    const { tasks, jobs, log } = handTasks(['a', 'b', 'c']);
    const pool = runPool(tasks, 2);
    pool.cancel();
    const out = await pool.done;
    expect(jobs.get('a')!.cancelled && jobs.get('b')!.cancelled).toBe(true);
    expect(log).toEqual(['start a', 'start b']);
    expect(out).toEqual([
      { name: 'a', status: 'done', value: 'a stopped' },
      { name: 'b', status: 'done', value: 'b stopped' },
      { name: 'c', status: 'cancelled' },
    ]);
  });

  it('with no tasks it is done at once', async () => {
    expect(await runPool([], 3).done).toEqual([]);
  });
});

describe('runPool over training clients (fake workers)', () => {
  /** A task that trains in its own client; its job ends with the run's last message. */
  function clientTask(name: string, clients: ReturnType<typeof fakeClient>[]): PoolTask<string> {
    return {
      name,
      start() {
        const c = fakeClient(() => `${name}-run`);
        clients.push(c);
        const runId = c.client.start(toyStartArgs);
        const done = new Promise<string>((resolve, reject) => {
          c.client.subscribe((m: FromTrainer) => {
            if (m.type === 'finished') resolve(`${runId} ${m.reason}`);
            if (m.type === 'failed') reject(new Error(m.diagnostic.message));
          });
        });
        return { done, cancel: () => c.client.stop() };
      },
    };
  }

  it('each variant has its own worker; a crash fails only its own variant; cancel reaches all', async () => {
    const clients: ReturnType<typeof fakeClient>[] = [];
    const pool = runPool(
      ['with', 'without', 'third'].map((n) => clientTask(n, clients)),
      2,
    );
    expect(clients).toHaveLength(2);
    const [a, b] = clients.map((c) => c.workers[0]!);
    expect(a).not.toBe(b);
    expect(a!.posted[0]).toMatchObject({ type: 'start', runId: 'with-run' });
    expect(b!.posted[0]).toMatchObject({ type: 'start', runId: 'without-run' });
    a!.crash('out of memory');
    await tick();
    // The crashed variant's slot went to the third one; the second still trains.
    expect(clients).toHaveLength(3);
    expect(b!.terminated).toBe(false);
    pool.cancel();
    expect(b!.posted.at(-1)).toEqual({ type: 'stop', runId: 'without-run' });
    const c = clients[2]!.workers[0]!;
    expect(c.posted.at(-1)).toEqual({ type: 'stop', runId: 'third-run' });
    b!.emit({ type: 'finished', runId: 'without-run', reason: 'stopped' });
    c.emit({ type: 'finished', runId: 'third-run', reason: 'stopped' });
    const out = await pool.done;
    expect(out[0]).toMatchObject({ name: 'with', status: 'failed' });
    expect(out[0]!.status === 'failed' && out[0]!.error).toContain('out of memory');
    expect(out.slice(1)).toEqual([
      { name: 'without', status: 'done', value: 'without-run stopped' },
      { name: 'third', status: 'done', value: 'third-run stopped' },
    ]);
  });
});
