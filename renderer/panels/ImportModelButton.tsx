import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compilePlan } from '../../src/compiler/plan';
import { planHash } from '../../src/compiler/plan-hash';
import { packWeightSet } from '../../src/compiler/tfjs-weights';
import type { Doc } from '../../src/graph/document';
import { ok } from '../../src/util/result';
import { elkLayout } from '../canvas/auto-layout';
import { useFitView } from '../canvas/use-arrange';
import { NO_SELECTION } from '../state/session-store';
import { useExchange, useStores, type AppStores } from '../state/stores';
import { importPickedFiles, type PickedFile } from './import-model';

/** The document with ELK's top-down layout (the importer's own rows are only a fallback). */
async function laidOut(doc: Doc): Promise<Doc> {
  try {
    const positions = await elkLayout(doc, {});
    return { ...doc, layers: doc.layers.map((l) => ({ ...l, position: positions.get(l.id) ?? l.position })) };
  } catch {
    return doc;
  }
}

/**
 * Imports picked files: on success the document is replaced as one undoable edit and any
 * weights are kept for the session (keyed by the plan's hash); on failure the problem is
 * shown and the document is left as it was.
 */
export async function importFiles(stores: AppStores, files: PickedFile[]): Promise<boolean> {
  const exchange = stores.exchange.getState();
  const session = stores.session.getState();
  const r = importPickedFiles(files);
  if (!r.ok) {
    exchange.setImportProblem({ file: r.file, messages: r.messages });
    return false;
  }
  exchange.setImportProblem(null);
  const doc = await laidOut(r.doc);
  stores.document.getState().apply(() => ok(doc));
  session.select(NO_SELECTION);
  const plan = compilePlan(doc);
  exchange.setImported(
    r.weights && plan.ok
      ? { planHash: planHash(plan.value), weights: packWeightSet(r.weights), file: r.file }
      : null,
  );
  if (r.weights)
    session.notify('ui.exchange.importedWithWeights', { file: r.file, count: doc.layers.length });
  else if (r.missingWeights.length > 0)
    session.notify('ui.exchange.importedNoBin', { file: r.file }, 'error');
  else session.notify('ui.exchange.imported', { file: r.file, count: doc.layers.length });
  return true;
}

/** The toolbar's "Import model…": a file picker for a model.json and its .bin weight files. */
export function ImportModelButton() {
  const { t } = useTranslation();
  const stores = useStores();
  const fit = useFitView();
  const input = useRef<HTMLInputElement>(null);
  const onFiles = (e: ChangeEvent<HTMLInputElement>): void => {
    const list = [...(e.target.files ?? [])];
    e.target.value = '';
    if (list.length === 0) return;
    void Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })))
      .then((files) => importFiles(stores, files))
      .then((done) => done && requestAnimationFrame(fit));
  };
  return (
    <>
      <button
        type="button"
        className="button"
        title={t('ui.exchange.importTitle')}
        onClick={() => input.current?.click()}
      >
        {t('ui.exchange.import')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.bin,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('ui.exchange.importInput')}
        onChange={onFiles}
      />
    </>
  );
}

/** An alert for a model.json that could not be imported: the file and each problem; the document was kept. */
export function ImportProblemAlert() {
  const { t } = useTranslation();
  const stores = useStores();
  const problem = useExchange((s) => s.importProblem);
  if (!problem) return null;
  return (
    <div role="alert" className="alert alert--banner">
      <strong>{t('ui.exchange.importFailed', { file: problem.file })}</strong>{' '}
      <span>{problem.messages.join('; ')}</span>
      <button
        type="button"
        className="button button--small"
        onClick={() => stores.exchange.getState().setImportProblem(null)}
      >
        {t('ui.exchange.dismiss')}
      </button>
    </div>
  );
}
