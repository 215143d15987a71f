import { analyze } from '../../src/analysis/analyze';
import { planHash } from '../../src/compiler/plan-hash';
import { compilePlan, type ModelPlan } from '../../src/compiler/plan';
import type { Doc, ExperimentKind, RunExperiment, TrainingConfig } from '../../src/graph/document';
import { nextRunSeq } from '../../src/graph/runs';
import { experimentVariants, type ExperimentSpec } from '../../src/graph/variants';
import type { RunLimits } from '../../src/training/protocol';
import {
  experimentParallelism,
  extraWorkerThreads,
  runPool,
  type PoolOutcome,
  type PoolTask,
} from './experiment-pool';
import { runData } from './dataset-store';
import { projectKey, runLimitsOf } from './run-checkpoints';
import type { AppStores } from './stores';
import type { TrainingState } from './training-reducer';
import { mainTrainerJob, ownTrainerJob, type VariantStart } from './variant-job';

/** How an experiment ended: every run done, stopped (by the user) part way, or refused before its first run. */
export type ExperimentEnd =
  | { kind: 'done'; runIds: string[] }
  | { kind: 'stopped'; runIds: string[] }
  | { kind: 'refused'; key: string; values: Record<string, string | number> };

/** One run to make: what it is called, the document it trains, and its experiment tag for the history. */
export interface VariantPlan {
  label: string;
  doc: Doc;
  experiment?: RunExperiment;
}

/** How a variant ended; `run` is its final state (null when it never started). */
export interface VariantResult {
  label: string;
  outcome: 'completed' | 'stopped' | 'failed' | 'refused';
  run: TrainingState | null;
  /** Why it failed or was refused. */
  message?: string;
}

/** The runs of runVariants: each variant's result in order, their run ids, and whether it was stopped. */
export interface VariantsEnd {
  stopped: boolean;
  runIds: string[];
  results: VariantResult[];
}

/** Settings of one runVariants call. */
export interface RunVariantsOptions {
  id: string;
  kind: ExperimentKind | 'compare';
  /** Further run limits (a lesson caps the test examples evaluated). */
  limits?: Partial<RunLimits>;
  /** Logical cores (default: navigator.hardwareConcurrency). */
  cores?: number;
  /** Told (with the variant's index) just before a variant starts on the app's own trainer. */
  onMainStart?(index: number): void;
}

/** The page's core count, where there is a navigator. */
const pageCores = (): number | undefined =>
  (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;

/** A variant's result from its pool outcome. */
function resultOf(label: string, o: PoolOutcome<TrainingState>): VariantResult {
  if (o.status === 'cancelled') return { label, outcome: 'stopped', run: null };
  if (o.status === 'failed') return { label, outcome: 'failed', run: null, message: o.error };
  const run = o.value;
  if (run.phase === 'failed') return { label, outcome: 'failed', run, message: run.failure?.message ?? '' };
  return { label, outcome: run.finishReason === 'stopped' ? 'stopped' : 'completed', run };
}

/**
 * Trains the variants, up to one per core at once (experimentParallelism; one at a time
 * when the runs view's `sequential` is set or there is no way to make more trainers). The
 * app's own trainer takes one variant at a time (see variantTasks), so the Metrics and
 * Layers tabs show one live; the others train in workers of their own. Each run goes
 * into the history with a number fixed in variant order. A failed variant is reported by name and the others go
 * on; Cancel (or Stop on the app's own run) stops them all. Progress goes to the runs
 * view store; at the end the runs are picked and the Runs tab opens on their overlay.
 */
export async function runVariants(
  stores: AppStores,
  variants: readonly VariantPlan[],
  opts: RunVariantsOptions,
): Promise<VariantsEnd> {
  const plans = variants.map((v) => compilePlan(v.doc, analyze(v.doc)));
  const runnable = variants.flatMap((v, i) => {
    const plan = plans[i]!;
    return plan.ok ? [{ v, plan: plan.value, index: i }] : [];
  });
  const view = stores.runs.getState();
  const sequential = view.sequential || !stores.spawnTrainer;
  const cores = opts.cores ?? pageCores() ?? 1;
  const parallel = experimentParallelism(runnable.length, cores, sequential);
  view.setExperiment({
    id: opts.id,
    kind: opts.kind,
    variants: runnable.map(({ v }) => ({ label: v.label, status: 'queued', fraction: 0 })),
    parallel,
    cancelRequested: false,
  });
  const threads = extraWorkerThreads(cores, parallel);
  const pool = runPool(variantTasks(stores, runnable, { parallel, threads }, opts), parallel, {
    onEnd(k, o) {
      const r = noteEnd(stores, k, resultOf(runnable[k]!.v.label, o));
      if (o.status === 'done' && r.outcome === 'stopped') pool.cancel();
    },
  });
  const offCancel = stores.runs.subscribe((s) => {
    if (s.experiment?.id === opts.id && s.experiment.cancelRequested) pool.cancel();
  });
  const outcomes = await pool.done;
  offCancel();
  const byIndex = new Map(runnable.map(({ index }, k) => [index, outcomes[k]!]));
  const results = variants.map((v, i): VariantResult => {
    const o = byIndex.get(i);
    if (o) return resultOf(v.label, o);
    const plan = plans[i]!;
    const message = plan.ok ? '' : (plan.error[0]?.message ?? '');
    return { label: v.label, outcome: 'refused', run: null, message };
  });
  const runIds = results.flatMap((r) => (r.run?.runId ? [r.run.runId] : []));
  stores.runs.getState().setExperiment(null);
  const kept = new Set(stores.document.getState().doc.runs.map((r) => r.id));
  stores.runs.getState().select(runIds.filter((r) => kept.has(r)));
  stores.runs.getState().setTab('runs');
  return { stopped: results.some((r) => r.outcome === 'stopped'), runIds, results };
}

/** A variant that compiled: its plan, its index among all variants. */
interface Runnable {
  v: VariantPlan;
  plan: ModelPlan;
  index: number;
}

/**
 * The pool's tasks. The app's own trainer (whose worker is warm) takes a variant whenever
 * it is free, and the others get trainers of their own; where all variants start at
 * once, it takes the last one, so its charts end on the run trained last, as they would
 * one at a time. Runs are numbered in variant order; the extra
 * workers get `threads` wasm threads each (extraWorkerThreads).
 */
function variantTasks(
  stores: AppStores,
  runnable: readonly Runnable[],
  { parallel, threads }: { parallel: number; threads: number },
  opts: RunVariantsOptions,
): PoolTask<TrainingState>[] {
  const firstSeq = nextRunSeq(stores.document.getState().doc.runs);
  let mainBusy = false;
  const onMain = (start: VariantStart, index: number) => {
    opts.onMainStart?.(index);
    mainBusy = true;
    const job = mainTrainerJob(stores, start);
    // Registered before the pool's own handler, so the next variant may take the trainer.
    void job.done.then(() => (mainBusy = false));
    return job;
  };
  return runnable.map(({ v, plan, index }, k) => ({
    name: v.label,
    start() {
      const start: VariantStart = {
        ...variantStart(stores, v, plan, firstSeq + k, opts.limits, (fraction) =>
          stores.runs.getState().updateVariant(k, { fraction }),
        ),
        // Every variant's curves grow live in the Runs tab (ExperimentRace).
        onRun: (run) => stores.runs.getState().setLiveRun(k, run),
      };
      stores.runs.getState().updateVariant(k, { status: 'running' });
      const spawn = stores.spawnTrainer;
      const wantsMain = parallel === 1 || runnable.length > parallel || k === runnable.length - 1;
      return !spawn || (wantsMain && !mainBusy)
        ? onMain(start, index)
        : ownTrainerJob(stores, spawn(threads), start);
    },
  }));
}

/** Shows how variant `k` ended; a failure is told by the variant's name. */
function noteEnd(stores: AppStores, k: number, r: VariantResult): VariantResult {
  const status = r.outcome === 'completed' ? 'done' : r.outcome === 'refused' ? 'failed' : r.outcome;
  stores.runs.getState().updateVariant(k, { status, ...(status === 'done' && { fraction: 1 }) });
  if (r.outcome === 'failed') {
    const values = { name: r.label, message: r.message ?? '' };
    stores.session.getState().notify('ui.experiment.variantFailed', values, 'error');
  }
  return r;
}

/** The start arguments and history origin of one variant. */
function variantStart(
  stores: AppStores,
  v: VariantPlan,
  plan: ModelPlan,
  seq: number,
  limits: Partial<RunLimits> | undefined,
  onProgress: (fraction: number) => void,
): VariantStart {
  const config: TrainingConfig = v.doc.training;
  const project = projectKey(stores.document.getState().doc.name, stores.saved.getState().filePath);
  const dataset = v.doc.dataset;
  // An imported set's examples travel with the run (each worker gets its own copy).
  const imported =
    dataset.kind === 'imported'
      ? stores.datasets.getState().byHash[dataset.source?.hash ?? dataset.id]
      : undefined;
  return {
    run: {
      plan,
      config,
      dataset,
      limits: { ...runLimitsOf(config), ...limits },
      ...(imported && { data: runData(imported) }),
    },
    origin: {
      project,
      planHash: planHash(plan),
      config,
      dataset: v.doc.dataset,
      seq,
      ...(v.experiment && { experiment: v.experiment }),
    },
    onProgress,
  };
}

/**
 * Runs an experiment on the current document: builds its variant documents and trains
 * them with the same seed and the current limits (runVariants), each recorded in the run
 * history with the experiment's id. The Runs tab opens as it starts, to race the variants
 * live. Refused, before any run, when a variant cannot be built or compiled. `opts.label`
 * names a variant for the progress and for failures; `opts.cores` overrides the page's
 * core count.
 */
export async function runExperiment(
  stores: AppStores,
  spec: ExperimentSpec,
  id: string,
  opts: { label?: (variant: string, config: TrainingConfig) => string; cores?: number } = {},
): Promise<ExperimentEnd> {
  const label = opts.label ?? ((variant: string) => variant);
  const doc = stores.document.getState().doc;
  const variants = experimentVariants(doc, spec);
  if (!variants.ok) {
    const e = variants.error;
    if (e.code !== 'variant') return { kind: 'refused', key: `ui.experiment.refused.${e.code}`, values: {} };
    const { layer, rejection } = e.error;
    return {
      kind: 'refused',
      key: 'ui.experiment.refused.variant',
      values: { layer, reason: rejection.reason },
    };
  }
  for (const v of variants.value) {
    const plan = compilePlan(v.doc, analyze(v.doc));
    if (!plan.ok) {
      const message = plan.error[0]?.message ?? '';
      return { kind: 'refused', key: 'ui.experiment.refused.compile', values: { message } };
    }
  }
  const plans: VariantPlan[] = variants.value.map((v) => ({
    label: label(v.variant, v.doc.training),
    doc: v.doc,
    experiment: { id, kind: spec.kind, variant: v.variant },
  }));
  // The Runs tab shows every variant's curves as they grow (the Metrics tab shows one).
  stores.runs.getState().setTab('runs');
  const end = await runVariants(stores, plans, {
    id,
    kind: spec.kind,
    ...(opts.cores !== undefined && { cores: opts.cores }),
  });
  return { kind: end.stopped ? 'stopped' : 'done', runIds: end.runIds };
}

/** Parses a list of learning rates ("0.01, 0.1, 1.0"): positive numbers up to 1000, at most 8. */
export function parseRates(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const rates = parts.map(Number);
  const fine =
    rates.length > 0 && rates.length <= 8 && rates.every((r) => Number.isFinite(r) && r > 0 && r <= 1000);
  return fine ? rates : null;
}

/** `count` consecutive seeds from the document's own (wrapping below 2^32). */
export const seedsFrom = (seed: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => (seed + i) % 2 ** 32);
