import type { WeightSet } from '../compiler/tfjs-weights';
import type { Batch } from '../data/batches';
import { HealthMonitor } from '../training/health';
import { snapshotBuffers, type LayerStatsSnapshot } from '../training/layer-stats';
import type { BoundaryExtent, FinishReason, FromTrainer, ToTrainer } from '../training/protocol';
import { learningRateAt } from '../training/schedule';
import type { BackendOptions } from './backend';
import { predictGrid, predictSurface } from './boundary';
import { predictCurve, type FitRange } from './fit';
import { layerSeed } from './build-model';
import { takeCheckpoint } from './checkpoint-io';
import type { Clock } from './clock';
import { BatchCoalescer } from './coalescer';
import { RunControl } from './control';
import { divergenceFailure, type FailedStep } from './divergence';
import { evaluate, type EvalHooks } from './evaluate';
import { diagnosticOf } from './failure';
import { hasBatchStatistics } from './forward';
import { healthInfos } from './layer-handles';
import { metricOf } from './metrics';
import { prepareRun, type DataSource, type PreparedRun } from './prepare';
import { StatsPlanner } from './stats-planner';
import { trainStep } from './train-step';
import { readWeightSet } from './weight-set-io';

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
 * One training run: set-up, the custom loop, evaluations, statistics, checkpoints and
 * the messages about them. All of its state lives here, never in a module. `done`
 * never rejects: every failure is posted as 'failed'.
 */
export class TrainingRun {
  readonly runId: string;
  readonly control: RunControl;
  readonly done: Promise<void>;
  private prepared: PreparedRun | null = null;
  private coalescer: BatchCoalescer;
  private step = 0;
  private epoch = 0;
  /** Batches of the current epoch done so far. */
  private batchInEpoch = 0;
  /** The base learning rate ('set-lr' changes it; the schedule scales it). */
  private baseLr: number;
  private planner: StatsPlanner | null = null;
  private health: HealthMonitor | null = null;
  /** Example-weighted sums of the current epoch's batch losses and accuracies. */
  private sums = { loss: 0, accuracy: 0, examples: 0 };
  /** The weights the run ended with (set once it has ended and its model is freed). */
  private finalWeights: WeightSet | null = null;
  /** When the last 'boundary' message was posted (-Infinity: none yet). */
  private boundaryAt = -Infinity;

  constructor(
    private readonly msg: Start,
    private readonly env: RunEnv,
  ) {
    this.runId = msg.runId;
    this.baseLr = msg.config.learningRate;
    this.coalescer = new BatchCoalescer(env.batchIntervalMs, env.clock.now());
    this.control = new RunControl((paused) => this.onPaused(paused));
    this.done = this.execute();
  }

  /** Changes the base learning rate from the next step on (the schedule still applies). */
  setLearningRate(lr: number): void {
    this.baseLr = lr;
  }

  private async execute(): Promise<void> {
    try {
      const reason = await this.train();
      this.flushBatches();
      this.env.post({ type: 'finished', runId: this.runId, reason });
    } catch (e) {
      this.reportFailure(e);
    } finally {
      // Keep the weights the run ended with, for 'get-weights' after the model is gone.
      if (this.prepared) this.finalWeights = await readWeightSet(this.prepared.model).catch(() => null);
      this.prepared?.dispose();
      this.prepared = null;
    }
  }

  /** The run's weights: the model's current ones while it runs, the final ones after; null before it is built. */
  async weights(): Promise<WeightSet | null> {
    return this.prepared ? readWeightSet(this.prepared.model) : this.finalWeights;
  }

  private async train(): Promise<FinishReason> {
    const run = await prepareRun(this.msg, this.env.data, this.env.backend);
    this.prepared = run;
    if (this.control.stopRequested) return 'stopped';
    this.planner = new StatsPlanner(run.options.stats, this.env.clock.now());
    this.health = new HealthMonitor(healthInfos(run.layers));
    const from = run.resumeAt ?? { epoch: 1, batch: 0, step: 0 };
    this.step = from.step;
    const { backend, reason, pick } = run.backend;
    this.env.post({
      type: 'started',
      runId: this.runId,
      backend,
      reason,
      ...(pick && { pick }),
      batchesPerEpoch: run.train.batchesPerEpoch,
      epochs: run.epochs,
      metric: metricOf(run.plan),
      ...(run.resumeAt ? { resumed: { epoch: from.epoch, step: from.step } } : {}),
    });
    for (this.epoch = from.epoch; this.epoch <= run.epochs; this.epoch++) {
      const end = await this.trainEpoch(run, this.epoch === from.epoch ? from.batch : 0);
      if (end === 'stop') return 'stopped';
      if (!(await this.endEpoch(run))) return 'stopped';
      if (end === 'limit') return 'limit';
    }
    return run.epochsCapped ? 'limit' : 'completed';
  }

  /** The batches of one epoch from `first` on; stops early for 'stop' or the step limit. */
  private async trainEpoch(run: PreparedRun, first: number): Promise<EpochEnd> {
    run.train.shuffle(run.config.seed, this.epoch);
    this.sums = { loss: 0, accuracy: 0, examples: 0 };
    this.batchInEpoch = first;
    for (let b = first; b < run.train.batchesPerEpoch; b++) {
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
    const epochEnd = b === run.train.batchesPerEpoch - 1 || (run.maxSteps !== null && step >= run.maxSteps);
    const single = this.control.isPaused;
    const capture = this.planner!.wants({ step, epochEnd, single, now: started });
    const lr = this.learningRate(run, step);
    const dropoutSeed = layerSeed(run.config.seed, step, 1);
    const sampleValues = capture ? run.options.stats.sampleValues : null;
    const r = await trainStep(run, { batch, dropoutSeed, lr, sampleValues });
    if (!r.ok) {
      const at = { step, epoch: this.epoch, batch: b + 1, loss: r.loss, lr, dropoutSeed };
      return this.diverged(run, batch, at);
    }
    this.step = step;
    this.batchInEpoch = b + 1;
    const now = this.env.clock.now();
    this.planner!.record(now - started, capture);
    this.coalescer.add(step, b + 1, r.loss, r.accuracy, batch.size, now - started);
    this.sums.loss += r.loss * batch.size;
    this.sums.accuracy += r.accuracy * batch.size;
    this.sums.examples += batch.size;
    if (r.stats) {
      this.flushBatches();
      const { layers, rows } = r.stats;
      this.postStats({ step, epoch: this.epoch, epochEnd, sampledExamples: rows, layers });
    }
    // A single step while paused is shown at once; otherwise at most every interval.
    if (single || this.coalescer.due(now)) this.flushBatches();
    // The boundary (classifiers) and fit (regression) views share one clock: a run has one of them.
    const every = run.options.boundary?.intervalMs ?? run.options.fit?.intervalMs ?? Infinity;
    if (single || now - this.boundaryAt >= every) await this.postBoundary(run);
  }

  /** Posts the model's predictions over the 2D plane (or a regression model's fit curve), when asked for. */
  private async postBoundary(run: PreparedRun): Promise<void> {
    if (run.fit) return this.postFit(run, run.fit);
    const resolution = run.options.boundary?.resolution;
    if (!run.boundary || resolution === undefined) return;
    this.boundaryAt = this.env.clock.now();
    if (run.plan.head.kind === 'regression') return this.postSurface(run, run.boundary, resolution);
    const probabilities = await predictGrid(run.model, run.plan, run.boundary, resolution);
    const classes = probabilities.length / (resolution * resolution);
    const msg: FromTrainer = {
      type: 'boundary',
      runId: this.runId,
      step: this.step,
      epoch: this.epoch,
      resolution,
      classes,
      extent: run.boundary,
      probabilities,
    };
    this.env.post(msg, [probabilities.buffer as ArrayBuffer]);
  }

  /** Posts a two-input regression model's prediction over the plane of its data. */
  private async postSurface(run: PreparedRun, extent: BoundaryExtent, resolution: number): Promise<void> {
    const predictions = await predictSurface(run.model, run.plan, extent, resolution);
    const { step, epoch } = this;
    const msg: FromTrainer = {
      type: 'surface',
      runId: this.runId,
      step,
      epoch,
      resolution,
      extent,
      predictions,
    };
    this.env.post(msg, [predictions.buffer as ArrayBuffer]);
  }

  /** Posts a one-input regression model's prediction curve across its data's inputs. */
  private async postFit(run: PreparedRun, range: FitRange): Promise<void> {
    this.boundaryAt = this.env.clock.now();
    const points = run.options.fit?.points ?? 128;
    const predictions = await predictCurve(run.model, run.plan, range, points);
    const { step, epoch } = this;
    const msg: FromTrainer = { type: 'fit', runId: this.runId, step, epoch, ...range, predictions };
    this.env.post(msg, [predictions.buffer as ArrayBuffer]);
  }

  /** The schedule's rate for a step, from the current base rate. */
  private learningRate(run: PreparedRun, step: number): number {
    const totalSteps = run.config.epochs * run.train.batchesPerEpoch;
    return learningRateAt(this.baseLr, run.config.schedule, { step, epoch: this.epoch, totalSteps });
  }

  /** Posts a statistics snapshot, then the findings it newly establishes. */
  private postStats(snapshot: LayerStatsSnapshot): void {
    this.env.post({ type: 'layer-stats', runId: this.runId, ...snapshot }, snapshotBuffers(snapshot));
    for (const f of this.health!.observe(snapshot)) {
      const { nodeId, code, message, values } = f;
      this.env.post({
        type: 'finding',
        runId: this.runId,
        nodeId,
        code,
        message,
        values,
        step: snapshot.step,
        epoch: snapshot.epoch,
      });
    }
  }

  /**
   * A step's loss or new weights were not finite. The step wrote nothing, so the model
   * holds the last good weights: name the layer, offer those weights as a checkpoint, fail.
   */
  private async diverged(run: PreparedRun, batch: Batch, at: FailedStep): Promise<never> {
    const { failure, site } = await divergenceFailure(run, batch, at);
    this.flushBatches();
    const finding = site ? this.health!.nonFinite(site.nodeId) : null;
    if (finding) {
      const { nodeId, code, message, values } = finding;
      const { step, epoch } = at;
      this.env.post({ type: 'finding', runId: this.runId, nodeId, code, message, values, step, epoch });
    }
    await this.postCheckpoint(run, 'last-good');
    throw failure;
  }

  /** Evaluates and reports an epoch, then checkpoints it; false when a stop arrived during the evaluation. */
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
    await this.postBoundary(run);
    this.env.post({
      type: 'epoch',
      runId: this.runId,
      epoch: this.epoch,
      train: { loss: this.sums.loss / n, accuracy: this.sums.accuracy / n },
      test: { predictionMode, trainingMode },
      evaluatedOn: run.evaluatedOn,
      heldOutExamples: run.heldOutExamples,
    });
    await this.postCheckpoint(run, 'epoch-end');
    return true;
  }

  /** Posts a checkpoint of the current weights (with them, unless the run was asked not to). */
  private async postCheckpoint(run: PreparedRun, kind: 'epoch-end' | 'last-good'): Promise<void> {
    const at = {
      epoch: this.epoch,
      step: this.step,
      batchInEpoch: this.batchInEpoch,
      batchesPerEpoch: run.train.batchesPerEpoch,
    };
    const base = { type: 'checkpoint', runId: this.runId, epoch: this.epoch, step: this.step, kind } as const;
    if (!run.options.checkpointData) return this.env.post(base);
    const data = await takeCheckpoint(run.model, run.optimizer, at);
    this.env.post({ ...base, data }, [data.buffer]);
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
