import { useMemo } from 'react';
import { compilePlan } from '../../src/compiler/plan';
import type { RunLimits } from '../../src/training/protocol';
import { useStores } from '../state/stores';

/** The training run's controls: compile and start, stop, pause, resume, one step. */
export function useTrainingActions() {
  const stores = useStores();
  return useMemo(() => {
    const { trainer } = stores;
    return {
      /** Compiles the current document and starts a run with it; false when it cannot compile. */
      start(): boolean {
        const { doc, analysis } = stores.document.getState();
        const plan = compilePlan(doc, analysis);
        if (!plan.ok) {
          const first = plan.error[0];
          stores.session.getState().notify('ui.training.failed', { message: first?.message ?? '' }, 'error');
          return false;
        }
        const limits: RunLimits = {
          maxExamples: doc.training.trainLimit,
          maxEpochs: null,
          maxSteps: null,
          maxTestExamples: null,
        };
        const runId = trainer.start({ plan: plan.value, config: doc.training, dataset: doc.dataset, limits });
        stores.training.getState().begin(runId, doc.training);
        return true;
      },
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
