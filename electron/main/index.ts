import { app, protocol, session } from 'electron';
import path from 'node:path';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { projectFilesFromArgv } from './argv';
import { hardenSession, hardenWebContents } from './hardening';
import { APP_ENTRY_URL } from './protocol-path';
import { startShell } from './shell';

// Bundled to out/main/index.js; the preload and the renderer are built beside it.
const outDir = path.join(import.meta.dirname, '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererRoot = path.join(outDir, 'renderer');
// electron-vite dev serves the renderer itself and passes its URL; never when packaged.
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const entryUrl = devUrl ?? APP_ENTRY_URL;

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives our command line in 'second-instance' and opens the files.
  app.quit();
} else {
  // macOS hands over files (double-click, drop on the dock icon) before and after start-up.
  const early: string[] = [];
  let openFiles = (files: string[]): void => void early.push(...files);
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, entryUrl));
  app.on('second-instance', (_event, argv, workingDirectory) =>
    openFiles(projectFilesFromArgv(argv, workingDirectory, app.isPackaged)),
  );
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    registerAppProtocol(rendererRoot);
    const shell = await startShell({ preload: preloadPath, entryUrl });
    openFiles = shell.openFiles;
    shell.openFiles([...projectFilesFromArgv(process.argv, process.cwd(), app.isPackaged), ...early]);
  });
}
