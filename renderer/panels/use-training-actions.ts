import { useMemo } from 'react';
import { setTraining } from '../../src/graph/commands';
import { planHash } from '../../src/compiler/plan-hash';
import { compilePlan } from '../../src/compiler/plan';
import { sameValue, type RunCheckpoint } from '../../src/training/checkpoint-record';
import { startingWeights } from '../state/exchange-store';
import { projectKey, runLimitsOf } from '../state/run-checkpoints';
import { useStores, type AppStores } from '../state/stores';

/**
 * Compiles the current document and starts a run with it, or (given a stored checkpoint)
 * continues that run with its own settings, which are put back into the document first.
 * False when the document cannot compile.
 */
function launch(stores: AppStores, rec: RunCheckpoint | null): boolean {
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
  const limits = runLimitsOf(config);
  const runId = stores.trainer.start({
    plan: plan.value,
    config,
    dataset,
    limits,
    ...(rec && { resume: rec.checkpoint }),
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
      /** Continues the run of a stored checkpoint from its next epoch; false when the document cannot compile. */
      resumeFrom: (rec: RunCheckpoint): boolean => launch(stores, rec),
      stop(): void {
        trainer.stop();
        stores.training.getState().stop();
      },
      pause: () => trainer.pause(),
      resume: () => trainer.resume(),
      step: () => trainer.step(),
      setLearningRate: (lr: number) => trainer.setLearningRate(lr),
    };
  }, [stores]);
}
