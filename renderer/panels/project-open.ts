import type { Doc } from '../../src/graph/document';
import { isBundle } from '../../src/project/bundle';
import { parseProject } from '../../src/project/parse';
import { readWeightsSidecar, sidecarNames } from '../../src/project/weights-sidecar';
import { decodeWorkshopBundle } from '../../src/project/workshop-bundle';
import { platformDatasetCache } from '../host/dataset-cache';
import { asImportedData } from '../state/bundle-datasets';
import { NO_SELECTION } from '../state/session-store';
import type { AppStores } from '../state/stores';
import { adoptWeights, notifyOpened } from './project-weights';

/** A weights sidecar's two files as read beside a project. */
export interface SidecarFiles {
  json: string;
  bin: Uint8Array;
}

/** The last part of a path (either separator). */
const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/**
 * Parses a project's text and makes it the document (clearing selection and measured
 * sizes); on error the current document stays and the problem is shown. Returns the new
 * document, or null.
 */
function loadProject(stores: AppStores, file: string, text: string, filePath: string | null): Doc | null {
  const session = stores.session.getState();
  const r = parseProject(text);
  if (!r.ok) {
    session.setFileProblem({ file, error: r.error });
    return null;
  }
  session.setFileProblem(null);
  session.select(NO_SELECTION);
  session.setMeasured({});
  stores.document.getState().load(r.value.doc);
  const doc = stores.document.getState().doc;
  stores.saved.getState().markSaved(doc, filePath);
  stores.saved.getState().setFileHandle(null);
  return doc;
}

/**
 * Opens a project's text, with its weights sidecar when one was found beside it: weights
 * that fit the network are loaded into the session, others are ignored with a notice.
 */
export function openProjectText(
  stores: AppStores,
  file: string,
  text: string,
  filePath: string | null = null,
  sidecar: SidecarFiles | null = null,
): boolean {
  const doc = loadProject(stores, file, text, filePath);
  if (!doc) return false;
  const binName = sidecarNames(baseName(file)).bin;
  const found = sidecar && readWeightsSidecar(sidecar.json, new Map([[binName, sidecar.bin]]));
  notifyOpened(stores, doc.name, adoptWeights(stores, doc, found, file));
  return true;
}

/**
 * Opens a workshop bundle: its datasets go into the session (and the dataset cache), its
 * project becomes the document and its weights are loaded when they fit. A damaged bundle
 * is refused with the section at fault, and nothing changes.
 */
export function openBundle(stores: AppStores, file: string, bytes: Uint8Array): boolean {
  const session = stores.session.getState();
  const refuse = (section: string, message: string): false => {
    session.notify('ui.bundle.refused', { file, section, message }, 'error');
    return false;
  };
  const r = decodeWorkshopBundle(bytes);
  if (!r.ok) return refuse(r.error.section, r.error.message);
  const datasets = [];
  for (const [i, v] of r.value.datasets.entries()) {
    const d = asImportedData(v);
    if (typeof d === 'string') return refuse(`dataset-${i}.json`, d);
    datasets.push(d);
  }
  const doc = loadProject(stores, file, r.value.projectText, null);
  if (!doc) return false;
  const cache = platformDatasetCache();
  for (const d of datasets) {
    stores.datasets.getState().put(d);
    void cache?.put(d).catch(() => undefined);
  }
  const found = r.value.weights && { ok: true as const, value: r.value.weights };
  notifyOpened(stores, doc.name, adoptWeights(stores, doc, found, file));
  return true;
}

/** Opens a picked or uploaded file: a bundle (told by its first bytes) or a project's text. */
export function openFileBytes(stores: AppStores, file: string, bytes: Uint8Array): boolean {
  if (isBundle(bytes)) return openBundle(stores, file, bytes);
  return openProjectText(stores, file, new TextDecoder().decode(bytes));
}
