import type { Doc } from '../../src/graph/document';
import { createSavedStore } from './autosave-session';
import { createDocumentStore } from './document-store';
import { createExchangeStore } from './exchange-store';
import { createSessionStore, type Theme } from './session-store';
import type { AppStores } from './stores';
import type { TrainerPort } from './trainer-port';
import { createTrainingStore } from './training-store';

/** Creates the app's stores around a first document and a trainer, in an initial theme. */
export function createAppStores(doc: Doc, trainer: TrainerPort, theme?: Theme): AppStores {
  return {
    document: createDocumentStore(doc),
    session: createSessionStore(theme),
    training: createTrainingStore(),
    saved: createSavedStore(doc),
    exchange: createExchangeStore(),
    trainer,
  };
}
