import { useMemo } from 'react';
import { setTraining } from '../../src/graph/commands';
import { planHash } from '../../src/compiler/plan-hash';
import { compilePlan } from '../../src/compiler/plan';
import { datasetInfo, datasetTask } from '../../src/graph/datasets';
import type { DatasetRef } from '../../src/graph/document';
import { sameValue, type RunCheckpoint } from '../../src/training/checkpoint-record';
import { DEFAULT_START_OPTIONS, type RunLimits, type StartOptions } from '../../src/training/protocol';
import { startingWeights } from '../state/exchange-store';
import { runData } from '../state/dataset-store';
import { projectKey, runLimitsOf } from '../state/run-checkpoints';
import { useStores, type AppStores } from '../state/stores';

/** Grid cells per side of the decision-boundary view, and the least time between two grids. */
const BOUNDARY = { resolution: 64, intervalMs: 250 } as const;

/** Points of the fit view's curve, and the least time between two curves. */
const FIT = { points: 128, intervalMs: 250 } as const;

/**
 * A 2D set gets grids over its plane while it trains (decision boundaries, or a 2D
 * regression set's prediction surface), a one-input regression set its fit curve; other
 * runs keep the defaults.
 */
function boundaryOptions(dataset: DatasetRef): { options: StartOptions } | null {
  const info = datasetInfo(dataset);
  const width = info?.inputShape.length === 1 ? info.inputShape[0] : undefined;
  const task = datasetTask(dataset);
  // A 2D set gets grids over its plane: class boundaries, or a regression model's surface.
  if (width === 2) return { options: { ...DEFAULT_START_OPTIONS, boundary: BOUNDARY } };
  if (width === 1 && task === 'regression') return { options: { ...DEFAULT_START_OPTIONS, fit: FIT } };
  return null;
}

/**
 * The examples to send for an imported dataset: null for built-in sets (the worker loads
 * those), false (after telling the user) when the import's data is not in this session.
 */
function importedData(
  stores: AppStores,
  dataset: DatasetRef,
): { data: ReturnType<typeof runData> } | null | false {
  if (dataset.kind !== 'imported') return null;
  const d = stores.datasets.getState().byHash[dataset.source?.hash ?? dataset.id];
  if (d) return { data: runData(d) };
  stores.session.getState().notify('ui.datasetPanel.missingData', { name: dataset.name }, 'error');
  return false;
}

/**
 * Compiles the current document and starts a run with it, or (given a stored checkpoint)
 * continues that run with its own settings, which are put back into the document first.
 * False when the document cannot compile.
 */
function launch(stores: AppStores, rec: RunCheckpoint | null, extra: Partial<RunLimits> = {}): boolean {
  if (rec && !sameValue(stores.document.getState().doc.training, rec.config)) {
    stores.document.getState().apply((d) => setTraining(d, rec.config));
  }
  const { doc, analysis } = stores.document.getState();
  const plan = compilePlan(doc, analysis);
  if (!plan.ok) {
    const first = plan.error[0];
    stores.session.getState().notify('ui.training.failed', { message: first?.message ?? '' }, 'error');
    return false;
  }
  const config = doc.training;
  const dataset = rec?.dataset ?? doc.dataset;
  const imported = importedData(stores, dataset);
  if (imported === false) return false;
  const limits = { ...runLimitsOf(config), ...extra };
  const runId = stores.trainer.start({
    plan: plan.value,
    config,
    dataset,
    limits,
    ...(rec && { resume: rec.checkpoint }),
    ...boundaryOptions(dataset),
    ...imported,
    // A fresh run starts from weights imported with a model.json while the model still fits them.
    ...(!rec && startingWeights(stores.exchange.getState().imported, planHash(plan.value))),
  });
  const project = projectKey(doc.name, stores.saved.getState().filePath);
  const origin = { project, planHash: planHash(plan.value), config, dataset };
  const resume = rec && { epoch: rec.epoch + 1, step: rec.checkpoint.manifest.step, rows: rec.metrics };
  stores.training.getState().begin(runId, config, origin, resume);
  return true;
}

/** The training run's controls: compile and start, continue a stored run, stop, pause, resume, one step. */
export function useTrainingActions() {
  const stores = useStores();
  return useMemo(() => {
    const { trainer } = stores;
    return {
      /** Compiles the current document and starts a run with it; false when it cannot compile. */
      start: (): boolean => launch(stores, null),
      /** Like start, with further run limits (a lesson caps the test examples evaluated). */
      startWith: (limits: Partial<RunLimits>): boolean => launch(stores, null, limits),
      /** Continues the run of a stored checkpoint from its next epoch; false when the document cannot compile. */
      resumeFrom: (rec: RunCheckpoint): boolean => launch(stores, rec),
      stop(): void {
        trainer.stop();
        stores.training.getState().stop();
      },
      pause: () => trainer.pause(),
      resume: () => trainer.resume(),
      step: () => trainer.step(),
      setLearningRate(lr: number): void {
        trainer.setLearningRate(lr);
        stores.training.getState().noteLearningRate(lr);
      },
    };
  }, [stores]);
}
