import { parseToTrainer, PROTOCOL_VERSION, type ToTrainer } from '../training/protocol';
import type { BackendOptions } from './backend';
import { createHostClock, type Clock } from './clock';
import type { DataSource } from './prepare';
import { TrainingRun, type Post } from './run';

export type { DataSource } from './prepare';
export type { Post } from './run';

/** Optional settings of a Trainer. */
export interface TrainerOptions {
  /** Where the wasm binaries are (differs between Node, the dev server and the app). */
  backend?: BackendOptions;
  /** Time and yielding; the host's timers by default. */
  clock?: Clock;
  /** Least time between two 'batches' messages (default 250 ms: at most 4 a second). */
  batchIntervalMs?: number;
}

/**
 * Drives training runs from protocol messages. It takes `post` and a data source, so
 * the same code runs in the browser worker, the CLI and Node tests. One run at a time:
 * a new 'start' stops the current run first. Messages for other runIds are ignored.
 */
export class Trainer {
  private current: TrainingRun | null = null;
  /** The latest run started (its weights answer 'get-weights' after it has ended). */
  private last: TrainingRun | null = null;
  private readonly clock: Clock;

  constructor(
    private readonly post: Post,
    private readonly data: DataSource,
    private readonly options: TrainerOptions = {},
  ) {
    this.clock = options.clock ?? createHostClock();
  }

  /** Posts 'ready' with the protocol version; the host calls it once it listens. */
  announce(): void {
    this.post({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
  }

  /**
   * Handles one incoming message. Never throws and never rejects: a malformed message
   * is answered with 'failed' ('train/bad-message'). The promise settles when the
   * message has been acted on; for 'start', when that run has ended.
   */
  async handle(raw: unknown): Promise<void> {
    try {
      await this.dispatch(raw);
    } catch {
      // Only a throwing `post` gets here (runs report their own failures); nothing to tell.
    }
  }

  private async dispatch(raw: unknown): Promise<void> {
    const parsed = parseToTrainer(raw);
    if (!parsed.ok) {
      const runId = (raw as { runId?: unknown } | null)?.runId;
      this.post({
        type: 'failed',
        runId: typeof runId === 'string' ? runId : '',
        diagnostic: {
          code: 'train/bad-message',
          message: `The trainer received a malformed message (${parsed.error})`,
        },
      });
      return;
    }
    if (parsed.msg.type === 'start') return this.start(parsed.msg);
    if (parsed.msg.type === 'get-weights') return this.sendWeights(parsed.msg.requestId);
    this.control(parsed.msg);
  }

  /** Resolves when no run is active. */
  async idle(): Promise<void> {
    while (this.current) await this.current.done;
  }

  private async start(msg: Extract<ToTrainer, { type: 'start' }>): Promise<void> {
    const previous = this.current;
    if (previous) {
      previous.control.stop();
      await previous.done;
    }
    // Another start may have arrived while the previous run wound down; the newest wins.
    if (this.current !== previous) return;
    const run = new TrainingRun(msg, {
      post: this.post,
      data: this.data,
      clock: this.clock,
      backend: this.options.backend ?? {},
      batchIntervalMs: this.options.batchIntervalMs ?? 250,
    });
    this.current = run;
    this.last = run;
    await run.done;
    if (this.current === run) this.current = null;
  }

  /** Answers 'get-weights' with a fresh copy of the current (or last) run's weights. */
  private async sendWeights(requestId: string): Promise<void> {
    const run = this.current ?? this.last;
    const weights = run ? await run.weights() : null;
    // A copy each time: the answer's buffer is transferred, and a later request needs its own.
    const copy = weights ? { specs: weights.specs, data: weights.data.slice(0) } : null;
    this.post({ type: 'weights', requestId, runId: run?.runId ?? null, weights: copy });
  }

  private control(msg: Exclude<ToTrainer, { type: 'start' | 'get-weights' }>): void {
    const run = this.current;
    if (!run || run.runId !== msg.runId) return;
    switch (msg.type) {
      case 'pause':
        return run.control.pause();
      case 'resume':
        return run.control.resume();
      case 'step':
        return run.control.step();
      case 'stop':
        return run.control.stop();
      case 'set-lr':
        return run.setLearningRate(msg.lr);
    }
  }
}
