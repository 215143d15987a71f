import type { LayerloomApi } from '../../src/ipc/channels';

/** Where the crash-recovery backup lives: a file in Electron, IndexedDB in a browser. */
export interface BackupHost {
  write(text: string): Promise<void>;
  /** The backup's text, or null when there is none. */
  read(): Promise<string | null>;
  clear(): Promise<void>;
  /** Marks this session as running; true when the previous one ended without `endSession`. */
  beginSession(): Promise<boolean>;
  /** The session ends cleanly (the page is closed on purpose). */
  endSession(): Promise<void>;
}

/** The backup in the app's data folder, through the `backup:*` and `session:begin` channels. */
export function electronBackupHost(api: LayerloomApi): BackupHost {
  return {
    write: async (text) => void (await api.writeBackup({ text })),
    read: async () => (await api.readBackup())?.text ?? null,
    clear: async () => void (await api.clearBackup()),
    beginSession: async () => (await api.beginSession()).uncleanExit,
    // The main process removes its marker itself when the app quits cleanly.
    endSession: async () => {},
  };
}
