import type { LayerloomApi } from '../../src/ipc/channels';

/**
 * Where the crash-recovery backup and the projects' training checkpoints live: files in
 * the app's data folder in Electron, IndexedDB in a browser.
 */
export interface BackupHost {
  write(text: string): Promise<void>;
  /** The backup's text, or null when there is none. */
  read(): Promise<string | null>;
  clear(): Promise<void>;
  /** Marks this session as running; true when the previous one ended without `endSession`. */
  beginSession(): Promise<boolean>;
  /** The session ends cleanly (the page is closed on purpose). */
  endSession(): Promise<void>;
  /** Replaces a project's stored training checkpoint (an encoded run checkpoint); one per project. */
  putCheckpoint(project: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** A project's stored checkpoint, or null when there is none. */
  getCheckpoint(project: string): Promise<Uint8Array | null>;
  deleteCheckpoint(project: string): Promise<void>;
}

/** The backup and checkpoints in the app's data folder, through the `backup:*`, `checkpoint:*` and `session:begin` channels. */
export function electronBackupHost(api: LayerloomApi): BackupHost {
  return {
    write: async (text) => void (await api.writeBackup({ text })),
    read: async () => (await api.readBackup())?.text ?? null,
    clear: async () => void (await api.clearBackup()),
    beginSession: async () => (await api.beginSession()).uncleanExit,
    // The main process removes its marker itself when the app quits cleanly.
    endSession: async () => {},
    putCheckpoint: async (project, bytes) => void (await api.writeCheckpoint({ project, bytes })),
    getCheckpoint: async (project) => (await api.readCheckpoint({ project }))?.bytes ?? null,
    deleteCheckpoint: async (project) => void (await api.clearCheckpoint({ project })),
  };
}
