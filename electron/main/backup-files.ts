import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_PROJECT_TEXT_LENGTH } from '../../src/ipc/channels';
import { writeFileAtomic } from './atomic-write';

/** The crash-recovery backup and the "session running" marker, in one folder. */
export interface BackupFiles {
  write(text: string): Promise<void>;
  /** The backup's text, or null when there is none (or it is too large to be a project). */
  read(): Promise<string | null>;
  clear(): Promise<void>;
  /**
   * Marks this session as running and says whether the previous one ended without
   * `endSession` (a crash, a kill, a power cut). Call once at start-up.
   */
  beginSession(): Promise<boolean>;
  /** Removes the marker: the session ended cleanly. */
  endSession(): Promise<void>;
}

/** File names inside the folder (the app's userData folder in production). */
export const BACKUP_FILE = 'backup.layerloom';
export const SESSION_MARKER = 'session-running';

/** Backup and marker files in `dir`; the backup is written atomically. */
export function backupFiles(dir: string): BackupFiles {
  const backup = path.join(dir, BACKUP_FILE);
  const marker = path.join(dir, SESSION_MARKER);
  const exists = (file: string) =>
    stat(file).then(
      () => true,
      () => false,
    );
  return {
    async write(text) {
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(backup, text);
    },
    async read() {
      try {
        if ((await stat(backup)).size > MAX_PROJECT_TEXT_LENGTH) return null;
        return await readFile(backup, 'utf8');
      } catch {
        return null;
      }
    },
    clear: () => rm(backup, { force: true }),
    async beginSession() {
      const unclean = await exists(marker);
      await mkdir(dir, { recursive: true });
      await writeFile(marker, String(process.pid));
      return unclean;
    },
    endSession: () => rm(marker, { force: true }),
  };
}
