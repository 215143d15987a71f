import { ReactFlowProvider } from '@xyflow/react';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../renderer/i18n';
import { createAppStores } from '../../renderer/state/create-stores';
import { StoresProvider, type AppStores } from '../../renderer/state/stores';
import type { StartRun, TrainerPort } from '../../renderer/state/trainer-port';
import type { FromTrainer } from '../../src/training/protocol';
import { lenet } from './doc-fixtures';

/** A trainer that records calls and lets the test send messages. */
export interface FakeTrainer extends TrainerPort {
  calls: string[];
  starts: StartRun[];
  emit(msg: FromTrainer): void;
}

/** Creates a fake trainer whose runs are numbered run-1, run-2... */
export function fakeTrainer(): FakeTrainer {
  const listeners = new Set<(msg: FromTrainer) => void>();
  const calls: string[] = [];
  const starts: StartRun[] = [];
  return {
    calls,
    starts,
    start(run) {
      starts.push(run);
      calls.push('start');
      return `run-${starts.length}`;
    },
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    step: () => void calls.push('step'),
    stop: () => void calls.push('stop'),
    setLearningRate: (lr) => void calls.push(`lr:${lr}`),
    getWeights: () => {
      calls.push('get-weights');
      return Promise.resolve({ runId: null, weights: null });
    },
    view(query) {
      calls.push(`view:${query.type}`);
      return Promise.resolve({
        type: 'view-failed',
        requestId: 'fake',
        runId: query.runId,
        code: 'view/no-run',
        message: 'fake trainer',
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => void calls.push('dispose'),
    emit: (msg) => listeners.forEach((l) => l(msg)),
  };
}

/** Renders `ui` inside the app's providers with fresh stores around the launch document. */
export function renderInApp(
  ui: ReactNode,
  doc = lenet(),
): RenderResult & { stores: AppStores; trainer: FakeTrainer } {
  const trainer = fakeTrainer();
  const stores = createAppStores(doc, trainer);
  const result = render(
    <I18nextProvider i18n={createI18n()}>
      <StoresProvider stores={stores}>
        <ReactFlowProvider>{ui}</ReactFlowProvider>
      </StoresProvider>
    </I18nextProvider>,
  );
  return { ...result, stores, trainer };
}
