import type { FinishReason, FromTrainer, ToTrainer } from '../training/protocol';
import type { BackendOptions } from './backend';
import { layerSeed } from './build-model';
import type { Clock } from './clock';
import { BatchCoalescer } from './coalescer';
import { RunControl } from './control';
import { evaluate, type EvalHooks } from './evaluate';
import { diagnosticOf, TrainFailure } from './failure';
import { hasBatchStatistics } from './forward';
import { prepareRun, type DataSource, type PreparedRun } from './prepare';
import { trainStep } from './train-step';

/** Sends a message to whoever drives the trainer; typed arrays may be transferred. */
export type Post = (msg: FromTrainer, transfer?: ArrayBuffer[]) => void;

/** The environment a run works in (shared by all runs of a Trainer). */
export interface RunEnv {
  post: Post;
  data: DataSource;
  clock: Clock;
  backend: BackendOptions;
  /** Least time between two 'batches' messages. */
  batchIntervalMs: number;
}

type Start = Extract<ToTrainer, { type: 'start' }>;

/** How an epoch's loop ended. */
type EpochEnd = 'done' | 'stop' | 'limit';

/**
 * One training run: set-up, the custom SGD loop, evaluations and the messages about
 * them. All of its state lives here, never in a module. `done` never rejects: every
 * failure is posted as 'failed'.
 */
export class TrainingRun {
  readonly runId: string;
  readonly control: RunControl;
  readonly done: Promise<void>;
  private prepared: PreparedRun | null = null;
  private coalescer: BatchCoalescer;
  private step = 0;
  private epoch = 0;
  /** Example-weighted sums of the current epoch's batch losses and accuracies. */
  private sums = { loss: 0, accuracy: 0, examples: 0 };

  constructor(
    private readonly msg: Start,
    private readonly env: RunEnv,
  ) {
    this.runId = msg.runId;
    this.coalescer = new BatchCoalescer(env.batchIntervalMs, env.clock.now());
    this.control = new RunControl((paused) => this.onPaused(paused));
    this.done = this.execute();
  }

  /** Changes the learning rate from the next step on. */
  setLearningRate(lr: number): void {
    this.prepared?.optimizer.setLearningRate(lr);
  }

  private async execute(): Promise<void> {
    try {
      const reason = await this.train();
      this.flushBatches();
      this.env.post({ type: 'finished', runId: this.runId, reason });
    } catch (e) {
      this.reportFailure(e);
    } finally {
      this.prepared?.dispose();
      this.prepared = null;
    }
  }

  private async train(): Promise<FinishReason> {
    const run = await prepareRun(this.msg, this.env.data, this.env.backend);
    this.prepared = run;
    if (this.control.stopRequested) return 'stopped';
    const { backend, reason } = run.backend;
    const batchesPerEpoch = run.train.batchesPerEpoch;
    this.env.post({
      type: 'started',
      runId: this.runId,
      backend,
      reason,
      batchesPerEpoch,
      epochs: run.epochs,
    });
    for (this.epoch = 1; this.epoch <= run.epochs; this.epoch++) {
      const end = await this.trainEpoch(run);
      if (end === 'stop') return 'stopped';
      if (!(await this.endEpoch(run))) return 'stopped';
      if (end === 'limit') return 'limit';
    }
    return run.epochsCapped ? 'limit' : 'completed';
  }

  /** The batches of one epoch; stops early for 'stop' or the step limit. */
  private async trainEpoch(run: PreparedRun): Promise<EpochEnd> {
    run.train.shuffle(run.config.seed, this.epoch);
    this.sums = { loss: 0, accuracy: 0, examples: 0 };
    for (let b = 0; b < run.train.batchesPerEpoch; b++) {
      if (run.maxSteps !== null && this.step >= run.maxSteps) return 'limit';
      if ((await this.control.gate()) === 'stop') return 'stop';
      await this.runStep(run, b);
      await this.env.clock.yieldToHost();
    }
    // Exactly maxSteps steps is a limit only when the plan had more to do.
    const planned = run.epochs * run.train.batchesPerEpoch;
    return run.maxSteps !== null && this.step >= run.maxSteps && planned > run.maxSteps ? 'limit' : 'done';
  }

  private async runStep(run: PreparedRun, b: number): Promise<void> {
    const batch = run.train.batch(b);
    const started = this.env.clock.now();
    const step = this.step + 1;
    const r = await trainStep(run, batch, layerSeed(run.config.seed, step, 1));
    if (!Number.isFinite(r.loss)) {
      throw new TrainFailure(
        'train/non-finite',
        `The loss became ${r.loss} at step ${step} (epoch ${this.epoch}, batch ${b + 1}); ` +
          'the weights have diverged. Try a lower learning rate.',
      );
    }
    this.step = step;
    const now = this.env.clock.now();
    this.coalescer.add(step, b + 1, r.loss, r.accuracy, batch.size, now - started);
    this.sums.loss += r.loss * batch.size;
    this.sums.accuracy += r.accuracy * batch.size;
    this.sums.examples += batch.size;
    // A single step while paused is shown at once; otherwise at most every interval.
    if (this.control.isPaused || this.coalescer.due(now)) this.flushBatches();
  }

  /** Evaluates and reports an epoch; false when a stop arrived during the evaluation. */
  private async endEpoch(run: PreparedRun): Promise<boolean> {
    this.flushBatches();
    const hooks: EvalHooks = {
      yieldToHost: () => this.env.clock.yieldToHost(),
      shouldStop: () => this.control.stopRequested,
    };
    const predictionMode = await evaluate(run.model, run.plan, run.test, 'predict', hooks);
    if (!predictionMode) return false;
    let trainingMode = null;
    if (hasBatchStatistics(run.plan)) {
      trainingMode = await evaluate(run.model, run.plan, run.test, 'batch-stats', hooks);
      if (!trainingMode) return false;
    }
    const n = this.sums.examples;
    const train = { loss: this.sums.loss / n, accuracy: this.sums.accuracy / n };
    this.env.post({
      type: 'epoch',
      runId: this.runId,
      epoch: this.epoch,
      train,
      test: { predictionMode, trainingMode },
    });
    this.env.post({ type: 'checkpoint', runId: this.runId, epoch: this.epoch });
    return true;
  }

  /** Posts 'failed'; if even posting fails (the host is gone) there is no one left to tell. */
  private reportFailure(e: unknown): void {
    try {
      this.flushBatches();
      this.env.post({ type: 'failed', runId: this.runId, diagnostic: diagnosticOf(e) });
    } catch {
      // Deliberately swallowed: `done` must never reject.
    }
  }

  private flushBatches(): void {
    const payload = this.coalescer.flush(this.epoch, this.env.clock.now());
    if (!payload) return;
    const msg: FromTrainer = { type: 'batches', runId: this.runId, ...payload };
    this.env.post(msg, [
      payload.steps.buffer,
      payload.losses.buffer,
      payload.accuracies.buffer,
    ] as ArrayBuffer[]);
  }

  private onPaused(paused: boolean): void {
    if (paused) this.flushBatches();
    this.env.post({ type: 'paused', runId: this.runId, paused });
  }
}
