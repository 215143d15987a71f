import type { BackupHost } from './backup-host';

const DB = 'layerloom';
const STORE = 'recovery';
const BACKUP_KEY = 'backup';
const SESSION_KEY = 'session';
/** Checkpoints are stored as ArrayBuffers under this prefix and the project key. */
const CHECKPOINT_PREFIX = 'checkpoint:';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * The browser's backup: one IndexedDB object store holding the backup text, the
 * "session running" flag and each project's latest training checkpoint. `pagehide` ends
 * the session cleanly; a crash or a killed tab leaves the flag set. (Two tabs share the store: the last one to edit owns the backup.)
 */
export function indexedDbBackupHost(factory: IDBFactory = indexedDB): BackupHost {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
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
  const get = async (key: string): Promise<unknown> => request((await store('readonly')).get(key));
  const put = async (key: string, value: unknown) =>
    void (await request((await store('readwrite')).put(value, key)));
  const del = async (key: string) => void (await request((await store('readwrite')).delete(key)));
  return {
    write: (text) => put(BACKUP_KEY, text),
    read: async () => {
      const value = await get(BACKUP_KEY);
      return typeof value === 'string' ? value : null;
    },
    clear: () => del(BACKUP_KEY),
    beginSession: async () => {
      const unclean = (await get(SESSION_KEY)) === 'running';
      await put(SESSION_KEY, 'running');
      return unclean;
    },
    endSession: () => put(SESSION_KEY, 'ended'),
    // A copy of just the checkpoint's bytes, stored as binary (structured clone), not as JSON.
    putCheckpoint: (project, bytes) => put(CHECKPOINT_PREFIX + project, bytes.slice().buffer),
    getCheckpoint: async (project) => {
      const value = await get(CHECKPOINT_PREFIX + project);
      return value instanceof ArrayBuffer ? new Uint8Array(value) : null;
    },
    deleteCheckpoint: (project) => del(CHECKPOINT_PREFIX + project),
  };
}
