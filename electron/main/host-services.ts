import { app, dialog, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { MAX_PROJECT_TEXT_LENGTH } from '../../src/ipc/channels';
import { writeFileAtomic } from './atomic-write';
import type { HostServices } from './ipc-handlers';

const PROJECT_FILTERS = [
  { name: 'Layerloom project', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** Dialogs and file access for the IPC handlers, parented to `window`. */
export function electronHostServices(window: BrowserWindow): HostServices {
  return {
    async chooseOpenPath() {
      const result = await dialog.showOpenDialog(window, {
        properties: ['openFile'],
        filters: PROJECT_FILTERS,
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggested) {
      const result = await dialog.showSaveDialog(window, {
        defaultPath: suggested ?? 'untitled.layerloom.json',
        filters: PROJECT_FILTERS,
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async readText(file) {
      // Bytes >= UTF-16 units, so a file under the limit in bytes fits the contract.
      if ((await stat(file)).size > MAX_PROJECT_TEXT_LENGTH)
        throw new Error('The file is too large to be a project.');
      return readFile(file, 'utf8');
    },
    writeText: (file, text) => writeFileAtomic(file, text),
    appInfo: () => ({ version: app.getVersion(), platform: process.platform }),
  };
}
