import { electronBackupHost, type BackupHost } from './backup-host';
import { electronApi } from './electron-api';
import { indexedDbBackupHost } from './indexeddb-backup';

/** The backup host of this platform, or null where there is none (no IndexedDB). */
export function platformHost(): BackupHost | null {
  const api = electronApi();
  if (api) return electronBackupHost(api);
  return typeof indexedDB === 'undefined' ? null : indexedDbBackupHost(indexedDB);
}
