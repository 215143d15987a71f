import { app, BrowserWindow, dialog, ipcMain, Menu, screen, shell } from 'electron';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { EventName, EventOf, MenuCommand } from '../../src/ipc/channels';
import { addRecent, parseAppState, restoreBounds, type AppState } from './app-state';
import { writeFileAtomic } from './atomic-write';
import { backupFiles, SESSION_MARKER } from './backup-files';
import { checkpointFiles } from './checkpoint-files';
import { createCloseGuard } from './close-guard';
import { isAllowedExternalUrl } from './external-links';
import { readFile, stat } from 'node:fs/promises';
import { datasetFileAccess } from './dataset-files';
import {
  chooseDatasetFile,
  chooseDatasetFolder,
  electronHostServices,
  readOpenedFile,
} from './host-services';
import { createChannelHandlers, isTrustedSender, registerIpcHandlers } from './ipc-handlers';
import { buildMenuTemplate } from './menu-template';
import { mainWindowOptions } from './window-options';

/** Paths and URLs the shell needs. */
export interface ShellPaths {
  preload: string;
  entryUrl: string;
}

const DEFAULT_SIZE = { width: 1440, height: 900 };

/**
 * The desktop shell around the one main window: remembered bounds and recent files, the
 * native menu, the crash-recovery backup and session marker, the close handshake, and
 * project files handed over by the OS (command line, second instance, macOS open-file).
 */
export async function startShell(paths: ShellPaths): Promise<{ openFiles(files: string[]): void }> {
  const dataDir = app.getPath('userData');
  const stateFile = path.join(dataDir, 'app-state.json');
  let state: AppState = parseAppState(readOptional(stateFile));
  const backup = backupFiles(dataDir);
  const uncleanExit = await backup.beginSession();
  app.on('will-quit', () => rmSync(path.join(dataDir, SESSION_MARKER), { force: true }));

  const bounds = restoreBounds(
    state.bounds,
    screen.getAllDisplays().map((d) => d.workArea),
    DEFAULT_SIZE,
  );
  // electronegativity-ignore: CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK, AUXCLICK_JS_CHECK -- the options come
  // from mainWindowOptions() (contextIsolation and sandbox on, tested in window-options.test.ts); new windows
  // (middle-click included) are denied by hardenWebContents' window-open handler.
  const window = new BrowserWindow({ ...mainWindowOptions(paths.preload), ...bounds });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  const send = <E extends EventName>(event: E, payload: EventOf<E>) =>
    window.webContents.send(event, payload);
  const saveState = (next: AppState) => {
    state = next;
    void writeFileAtomic(stateFile, JSON.stringify(state)).catch(() => undefined);
  };

  const granted = new Set<string>();
  const datasets = datasetFileAccess(
    { stat, readFile },
    (name) => chooseDatasetFile(window, name),
    undefined,
    (name) => chooseDatasetFolder(window, name),
  );
  let listening = false;
  const queued: string[] = [];
  const openFile = async (file: string) => {
    try {
      const content = await readOpenedFile(file);
      if ('text' in content) datasets.allowProject(content.text);
      granted.add(file);
      fileUsed(file);
      send('project:opened', { path: file, ...content });
    } catch (error) {
      saveState({ ...state, recent: state.recent.filter((f) => f !== file) });
      applyMenu();
      dialog.showErrorBox('Could not open the file', `${file}\n${(error as Error).message}`);
    }
  };
  const openFiles = (files: string[]) => {
    // The window shows one project: the first file given.
    if (files[0] === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    if (listening) void openFile(files[0]);
    else queued.splice(0, queued.length, files[0]);
  };
  const fileUsed = (file: string) => {
    app.addRecentDocument(file);
    saveState({ ...state, recent: addRecent(state.recent, file) });
    applyMenu();
  };
  const applyMenu = () => {
    const template = buildMenuTemplate(
      { platform: process.platform, appName: app.getName(), recent: state.recent },
      {
        command: (command: MenuCommand) => send('menu:command', { command }),
        openRecent: (file) => void openFile(file),
        clearRecent: () => {
          app.clearRecentDocuments();
          saveState({ ...state, recent: [] });
          applyMenu();
        },
        openExternal: (url) => {
          // electronegativity-ignore: OPEN_EXTERNAL_JS_CHECK -- only https URLs on the allow-list (external-links.ts).
          if (isAllowedExternalUrl(url)) void shell.openExternal(url);
        },
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const guard = createCloseGuard(
    { askRenderer: () => send('window:will-close', undefined), close: () => window.close() },
    { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  );
  window.on('close', (event) => {
    if (guard.onClose()) return event.preventDefault();
    saveState({ ...state, bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });

  const services = electronHostServices(window, {
    backup,
    checkpoints: checkpointFiles(dataDir),
    uncleanExit: () => uncleanExit,
    replyToClose: (proceed) => guard.onReply(proceed),
    granted,
    fileUsed,
    datasets,
    sessionBegun: () => {
      listening = true;
      const file = queued.shift();
      if (file !== undefined) setImmediate(() => void openFile(file));
    },
  });
  registerIpcHandlers(ipcMain, createChannelHandlers(services), (event) =>
    isTrustedSender(event, window.webContents, paths.entryUrl),
  );
  applyMenu();
  void window.loadURL(paths.entryUrl);
  return { openFiles };
}

function readOptional(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
