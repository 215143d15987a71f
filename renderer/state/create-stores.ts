import type { Doc } from '../../src/graph/document';
import { createSavedStore } from './autosave-session';
import { createDatasetStore } from './dataset-store';
import { createDocumentStore } from './document-store';
import { createExchangeStore } from './exchange-store';
import { pruneSelection } from './prune-selection';
import { startRunRecorder } from './run-recorder';
import { createRunsViewStore } from './runs-view-store';
import { createSessionStore, type Theme } from './session-store';
import type { AppStores } from './stores';
import type { TrainerPort } from './trainer-port';
import { createTrainingStore } from './training-store';

/**
 * Creates the app's stores around a first document and a trainer, in an initial theme,
 * and starts the run recorder. `spawnTrainer` makes extra trainers for parallel experiments.
 */
export function createAppStores(
  doc: Doc,
  trainer: TrainerPort,
  theme?: Theme,
  spawnTrainer?: (wasmThreads: number) => TrainerPort,
): AppStores {
  const stores: AppStores = {
    document: createDocumentStore(doc),
    session: createSessionStore(theme),
    training: createTrainingStore(),
    saved: createSavedStore(doc),
    exchange: createExchangeStore(),
    datasets: createDatasetStore(),
    runs: createRunsViewStore(),
    trainer,
    ...(spawnTrainer && { spawnTrainer }),
  };
  // Layers an undo, redo or new document took away leave the selection with them.
  stores.document.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    const session = stores.session.getState();
    const pruned = pruneSelection(session.selection, state.doc);
    if (pruned !== session.selection) session.select(pruned);
  });
  // Lives as long as the stores: every run started from the app goes into the run history.
  startRunRecorder({ ...stores, now: () => Date.now() });
  return stores;
}
