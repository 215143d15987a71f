import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { hardenSession, hardenWebContents } from './hardening';
import { electronHostServices } from './host-services';
import { createChannelHandlers, isTrustedSender, registerIpcHandlers } from './ipc-handlers';
import { APP_ENTRY_URL } from './protocol-path';
import { mainWindowOptions } from './window-options';

// Bundled to out/main/index.js; the preload and the renderer are built beside it.
const outDir = path.join(import.meta.dirname, '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererRoot = path.join(outDir, 'renderer');
// electron-vite dev serves the renderer itself and passes its URL; never when packaged.
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const entryUrl = devUrl ?? APP_ENTRY_URL;

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  const handlers = createChannelHandlers(electronHostServices(window));
  registerIpcHandlers(ipcMain, handlers, (event) => isTrustedSender(event, window.webContents, entryUrl));
  void window.loadURL(entryUrl);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, entryUrl));
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    registerAppProtocol(rendererRoot);
    createMainWindow();
  });
}
