import { failureMessage } from '../training/failure-text';
import { parseToTrainer, PROTOCOL_VERSION, type ToTrainer, type ViewRequest } from '../training/protocol';
import type { BackendOptions } from './backend';
import { createHostClock, type Clock } from './clock';
import { viewAnswerBuffers } from '../training/views-protocol';
import { EvaluationViews, ViewFailure } from './evaluation-views';
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
  /** How the latest run was started (the Evaluation views rebuild its model from it). */
  private lastStart: Extract<ToTrainer, { type: 'start' }> | null = null;
  private readonly clock: Clock;
  private readonly views: EvaluationViews;

  constructor(
    private readonly post: Post,
    private readonly data: DataSource,
    private readonly options: TrainerOptions = {},
  ) {
    this.clock = options.clock ?? createHostClock();
    this.views = new EvaluationViews(data, () => this.clock.yieldToHost());
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
      const text = { key: 'bad-message', values: { error: parsed.error } };
      this.post({
        type: 'failed',
        runId: typeof runId === 'string' ? runId : '',
        diagnostic: { code: 'train/bad-message', message: failureMessage(text), ...text },
      });
      return;
    }
    if (parsed.msg.type === 'start') return this.start(parsed.msg);
    if (parsed.msg.type === 'get-weights') return this.sendWeights(parsed.msg.requestId);
    const m = parsed.msg;
    if (m.type === 'evaluate' || m.type === 'feature-maps' || m.type === 'predict-image')
      return this.answerView(m);
    this.control(m);
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
    // The views' model belongs to an earlier run: free it before the new one is built.
    this.views.dispose();
    const run = new TrainingRun(msg, {
      post: this.post,
      data: this.data,
      clock: this.clock,
      backend: this.options.backend ?? {},
      batchIntervalMs: this.options.batchIntervalMs ?? 250,
    });
    this.current = run;
    this.last = run;
    this.lastStart = msg;
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

  /**
   * Answers a view request about the last run once it has ended; a request about the
   * run still going waits for its end, one about an earlier run while another trains is
   * refused (both would share the engine, and the views would see moving weights).
   */
  private async answerView(req: ViewRequest): Promise<void> {
    const fail = (code: ViewFailure['code'], message: string): void =>
      this.post({ type: 'view-failed', requestId: req.requestId, runId: req.runId, code, message });
    // The run asked about may be finishing ('finished' is posted before its weights are kept).
    const current = this.current;
    if (current && current.runId === req.runId) await current.done;
    else if (current) return fail('view/busy', 'A run is training; its evaluation is available once it ends');
    const run = this.last;
    const weights = run && run.runId === req.runId ? await run.weights() : null;
    if (!run || !this.lastStart || !weights)
      return fail('view/no-run', `There is no ended run '${req.runId}' to look at`);
    try {
      const answer = await this.views.answer(req, { runId: run.runId, start: this.lastStart, weights });
      this.post(answer, viewAnswerBuffers(answer));
    } catch (e) {
      const code = e instanceof ViewFailure ? e.code : 'view/internal';
      fail(code, e instanceof Error ? e.message : String(e));
    }
  }

  private control(msg: Exclude<ToTrainer, { type: 'start' | 'get-weights' } | ViewRequest>): void {
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
