import { analyze } from '../../src/analysis/analyze';
import { planHash } from '../../src/compiler/plan-hash';
import { compilePlan } from '../../src/compiler/plan';
import type { RunExperiment } from '../../src/graph/document';
import { experimentVariants, type ExperimentSpec } from '../../src/graph/variants';
import { projectKey, runLimitsOf } from './run-checkpoints';
import type { AppStores } from './stores';
import { isLive, type TrainingState } from './training-reducer';

/** How an experiment ended: every run done, stopped (by the user) part way, or refused before its first run. */
export type ExperimentEnd =
  | { kind: 'done'; runIds: string[] }
  | { kind: 'stopped'; runIds: string[] }
  | { kind: 'refused'; key: string; values: Record<string, string | number> };

/** Resolves with the run's final state once `runId` is no longer live (or another run replaced it). */
function runEnd(stores: AppStores, runId: string): Promise<TrainingState> {
  return new Promise((resolve) => {
    const check = (run: TrainingState): boolean => {
      if (run.runId === runId && isLive(run.phase)) return false;
      off();
      resolve(run);
      return true;
    };
    const off = stores.training.subscribe((s) => void check(s.run));
    check(stores.training.getState().run);
  });
}

/**
 * Runs an experiment on the current document: builds its variant documents, trains them
 * one after another in the worker with the same seed and the current limits, each
 * recorded in the run history with the experiment's id. A run that is stopped or fails
 * ends the whole experiment. Progress goes to the runs view store; at the end the
 * experiment's runs are picked and the Runs tab opens on their overlay.
 */
export async function runExperiment(
  stores: AppStores,
  spec: ExperimentSpec,
  id: string,
): Promise<ExperimentEnd> {
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
  const view = stores.runs.getState();
  const runIds: string[] = [];
  let stopped = false;
  const total = variants.value.length;
  for (const [i, v] of variants.value.entries()) {
    const plan = compilePlan(v.doc, analyze(v.doc));
    if (!plan.ok) {
      view.setExperiment(null);
      const message = plan.error[0]?.message ?? '';
      return { kind: 'refused', key: 'ui.experiment.refused.compile', values: { message } };
    }
    view.setExperiment({ id, kind: spec.kind, index: i + 1, total });
    const config = v.doc.training;
    const runId = stores.trainer.start({
      plan: plan.value,
      config,
      dataset: v.doc.dataset,
      limits: runLimitsOf(config),
    });
    const experiment: RunExperiment = { id, kind: spec.kind, variant: v.variant };
    const project = projectKey(doc.name, stores.saved.getState().filePath);
    const origin = { project, planHash: planHash(plan.value), config, dataset: v.doc.dataset, experiment };
    stores.training.getState().begin(runId, config, origin);
    runIds.push(runId);
    const end = await runEnd(stores, runId);
    if (end.runId !== runId || end.phase === 'failed' || end.finishReason === 'stopped') {
      stopped = true;
      break;
    }
  }
  view.setExperiment(null);
  const kept = new Set(stores.document.getState().doc.runs.map((r) => r.id));
  view.select(runIds.filter((r) => kept.has(r)));
  view.setTab('runs');
  return { kind: stopped ? 'stopped' : 'done', runIds };
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
