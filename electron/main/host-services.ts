import { app, dialog, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { MAX_PROJECT_TEXT_LENGTH } from '../../src/ipc/channels';
import { writeFileAtomic } from './atomic-write';
import type { HostServices } from './ipc-handlers';

const PROJECT_FILTERS = [
  { name: 'Layerloom project', extensions: ['layerloom', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/** What the shell adds to the dialogs and files: backup, session and close handshake. */
export type ShellServices = Pick<
  HostServices,
  'backup' | 'checkpoints' | 'uncleanExit' | 'replyToClose' | 'granted' | 'fileUsed' | 'sessionBegun'
>;

/** Reads a project file's text, refusing files too large to be one. */
export async function readProjectText(file: string): Promise<string> {
  // Bytes >= UTF-16 units, so a file under the limit in bytes fits the contract.
  if ((await stat(file)).size > MAX_PROJECT_TEXT_LENGTH)
    throw new Error('The file is too large to be a project.');
  return readFile(file, 'utf8');
}

/** Dialogs and file access for the IPC handlers, parented to `window`. */
export function electronHostServices(window: BrowserWindow, shell: ShellServices): HostServices {
  return {
    ...shell,
    async chooseOpenPath() {
      const result = await dialog.showOpenDialog(window, {
        properties: ['openFile'],
        filters: PROJECT_FILTERS,
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggested) {
      const result = await dialog.showSaveDialog(window, {
        defaultPath: suggested ?? 'untitled.layerloom',
        filters: PROJECT_FILTERS,
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    readText: readProjectText,
    writeText: (file, text) => writeFileAtomic(file, text),
    appInfo: () => ({ version: app.getVersion(), platform: process.platform }),
  };
}
