import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src/ipc/channels';
import { DOCS_URL } from './external-links';

/** What the menu shows: platform conventions, the app name and the recent files. */
export interface MenuContext {
  platform: string;
  appName: string;
  recent: readonly string[];
}

/** What menu items do; injected, so the template is a pure function of its context. */
export interface MenuActions {
  /** Sends `menu:command` to the renderer. */
  command(command: MenuCommand): void;
  openRecent(file: string): void;
  clearRecent(): void;
  /** Opens a URL in the system browser (through the external-link allow-list). */
  openExternal(url: string): void;
}

type Item = MenuItemConstructorOptions;

/**
 * The application menu. Document actions go to the renderer as `menu:command`; clipboard,
 * zoom and quit use Electron roles. Undo, Redo and Fit show their shortcut but do not
 * register it (`registerAccelerator: false`): the renderer already handles those keys, so a
 * text field keeps its own undo while the canvas undoes document edits.
 */
export function buildMenuTemplate(ctx: MenuContext, actions: MenuActions): Item[] {
  const mac = ctx.platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.command(command);
  const shownOnly = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  const recent: Item[] =
    ctx.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : [
          ...ctx.recent.map((file): Item => ({ label: file, click: () => actions.openRecent(file) })),
          { type: 'separator' },
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];
  const appMenu: Item[] = mac
    ? [
        {
          label: ctx.appName,
          submenu: [
            { label: `About ${ctx.appName}`, click: send('about') },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  const file: Item = {
    label: '&File',
    submenu: [
      { label: 'New', accelerator: 'CmdOrCtrl+N', click: send('new') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
      { label: 'Open Recent', submenu: recent },
      { label: 'Import model.json…', click: send('import-model') },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('save-as') },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
      { label: 'Export workshop bundle…', click: send('export-bundle') },
      ...(mac ? [] : [{ type: 'separator' } as Item, { role: 'quit' } as Item]),
    ],
  };
  const edit: Item = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', ...shownOnly('CmdOrCtrl+Z'), click: send('undo') },
      { label: 'Redo', ...shownOnly(mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'), click: send('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: Item = {
    label: '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { label: 'Fit to Window', ...shownOnly('CmdOrCtrl+Shift+F'), click: send('fit') },
      { label: 'Toggle Theme', click: send('toggle-theme') },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const run: Item = {
    label: '&Run',
    submenu: [
      { label: 'Train', click: send('train') },
      { label: 'Stop', click: send('stop') },
    ],
  };
  const help: Item = {
    role: 'help',
    label: '&Help',
    submenu: [
      // electronegativity-ignore: OPEN_EXTERNAL_JS_CHECK -- a constant URL; the shell checks it against the allow-list.
      { label: 'Documentation', click: () => actions.openExternal(DOCS_URL) },
      ...(mac ? [] : [{ label: `About ${ctx.appName}`, click: send('about') } as Item]),
    ],
  };
  return [...appMenu, file, edit, view, run, help];
}
