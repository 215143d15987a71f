import type { ImportedData } from '../state/dataset-store';

const DB = 'layerloom-datasets';
const STORE = 'imported';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Where prepared imports are kept between sessions, keyed by their content hash. */
export interface DatasetCache {
  put(data: ImportedData): Promise<void>;
  /** The stored import, or null when there is none (or it does not look like one). */
  get(hash: string): Promise<ImportedData | null>;
}

/** Whether a stored value has the fields of an import (structured clone keeps the typed arrays). */
function looksImported(v: unknown): v is ImportedData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<ImportedData>;
  return (
    typeof d.hash === 'string' &&
    typeof d.name === 'string' &&
    typeof d.parts === 'object' &&
    d.parts !== null
  );
}

/**
 * The prepared examples of imports in IndexedDB (the browser's and the desktop window's
 * own storage), so a project reopened later trains without importing its files again.
 */
export function indexedDbDatasetCache(factory: IDBFactory = indexedDB): DatasetCache {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise((resolve, reject) => {
      const req = factory.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return db;
  };
  const store = async (mode: IDBTransactionMode) =>
    (await open()).transaction(STORE, mode).objectStore(STORE);
  return {
    put: async (data) => void (await request((await store('readwrite')).put(data, data.hash))),
    get: async (hash) => {
      const v: unknown = await request((await store('readonly')).get(hash));
      return looksImported(v) ? v : null;
    },
  };
}

/** This platform's dataset cache, or null without IndexedDB. */
export const platformDatasetCache = (): DatasetCache | null =>
  typeof indexedDB === 'undefined' ? null : indexedDbDatasetCache(indexedDB);
