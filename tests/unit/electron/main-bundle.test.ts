import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES } from '../../../electron/main/app-protocol';
import { APP_ENTRY_URL, APP_SCHEME } from '../../../electron/main/protocol-path';
import { secureWebPreferences } from '../../../electron/main/window-options';
import { CHANNEL_NAMES } from '../../../src/ipc/channels';

// A smoke test of the BUILT main process (out/main/index.js, as electron-vite builds it and
// electron-builder packs it), run against a fake `electron` module that records what the
// bundle asks of Electron. The Electron binary cannot be had on these machines (TOOLCHAIN.md).

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BUNDLE = path.join(ROOT, 'out/main/index.js');

/** The newest modification time under a folder (sources the bundle is built from). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) t = Math.max(t, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
}

const rec = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const calls: { what: string; args: unknown[] }[] = [];
  const log =
    (what: string) =>
    (...args: unknown[]) =>
      void calls.push({ what, args });
  const appListeners = new Map<string, Listener[]>();
  const handlers = new Map<string, Listener>();
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const emitter = (name: string) => {
    const on = new Map<string, Listener[]>();
    return {
      on: (event: string, fn: Listener) => void on.set(event, [...(on.get(event) ?? []), fn]),
      once: (event: string, fn: Listener) => void on.set(event, [...(on.get(event) ?? []), fn]),
      listeners: on,
      name,
    };
  };
  class BrowserWindow {
    static created: { options: Record<string, unknown>; window: BrowserWindow }[] = [];
    webContents = {
      ...emitter('webContents'),
      send: log('webContents.send'),
      setWindowOpenHandler: log('setWindowOpenHandler'),
    };
    private events = emitter('window');
    on = this.events.on;
    once = this.events.once;
    constructor(options: Record<string, unknown>) {
      BrowserWindow.created.push({ options, window: this });
    }
    loadURL = (url: string) => (calls.push({ what: 'loadURL', args: [url] }), Promise.resolve());
    maximize = log('maximize');
    show = log('show');
    isMinimized = () => false;
    restore = log('restore');
    focus = log('focus');
  }
  return {
    calls,
    log,
    appListeners,
    handlers,
    ready,
    whenReady,
    BrowserWindow,
    userData: '',
    isReady: false,
  };
});

vi.mock('electron', () => {
  const { calls, log, appListeners, handlers, BrowserWindow } = rec;
  return {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: () => void) =>
        void appListeners.set(event, [...(appListeners.get(event) ?? []), fn]),
      whenReady: () => rec.whenReady,
      getPath: () => rec.userData,
      getName: () => 'Layerloom',
      getVersion: () => '0.0.0-test',
      quit: log('app.quit'),
      addRecentDocument: log('addRecentDocument'),
      clearRecentDocuments: log('clearRecentDocuments'),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        void calls.push({ what: 'registerSchemesAsPrivileged', args: [schemes, { readyYet: rec.isReady }] }),
      handle: (scheme: string, fn: unknown) =>
        void calls.push({ what: 'protocol.handle', args: [scheme, fn] }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: log('setPermissionRequestHandler'),
        setPermissionCheckHandler: log('setPermissionCheckHandler'),
        setDevicePermissionHandler: log('setDevicePermissionHandler'),
      },
    },
    ipcMain: { handle: (channel: string, fn: () => unknown) => void handlers.set(channel, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: log('setApplicationMenu') },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showOpenDialog: log('showOpenDialog'),
      showSaveDialog: log('showSaveDialog'),
      showErrorBox: log('showErrorBox'),
    },
    shell: { openExternal: log('openExternal') },
    BrowserWindow,
  };
});

beforeAll(async () => {
  const sources = Math.max(newest(path.join(ROOT, 'electron')), newest(path.join(ROOT, 'src/ipc')));
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < sources) {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`);
  }
  rec.userData = mkdtempSync(path.join(os.tmpdir(), 'layerloom-main-'));
  delete process.env['ELECTRON_RENDERER_URL'];
  await import(pathToFileURL(BUNDLE).href);
  rec.isReady = true;
  rec.ready();
  await vi.waitFor(() => expect(rec.calls.some((c) => c.what === 'loadURL')).toBe(true), { timeout: 10_000 });
}, 240_000);

afterAll(() => rmSync(rec.userData, { recursive: true, force: true }));

describe('the built main bundle (out/main/index.js) with a fake electron', () => {
  it('registers the privileged app scheme before the app is ready, and serves it', () => {
    const registered = rec.calls.find((c) => c.what === 'registerSchemesAsPrivileged');
    expect(registered?.args).toEqual([[APP_SCHEME_PRIVILEGES], { readyYet: false }]);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    const handled = rec.calls.find((c) => c.what === 'protocol.handle');
    expect(handled?.args[0]).toBe(APP_SCHEME);
    expect(typeof handled?.args[1]).toBe('function');
  });

  it('opens one window with the tested preferences and the CommonJS preload, loading the app through app://', () => {
    expect(rec.BrowserWindow.created).toHaveLength(1);
    const { options } = rec.BrowserWindow.created[0]!;
    const preload = path.join(ROOT, 'out/preload/index.cjs');
    expect(options['webPreferences']).toEqual(secureWebPreferences(preload));
    expect(options['show']).toBe(false);
    const loads = rec.calls.filter((c) => c.what === 'loadURL').map((c) => c.args[0]);
    expect(loads).toEqual([APP_ENTRY_URL]);
    expect(APP_ENTRY_URL.startsWith(`${APP_SCHEME}://`)).toBe(true);
  });

  it('installs a handler for every IPC channel, each refusing an untrusted sender', async () => {
    expect([...rec.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    const stranger = { sender: {}, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(rec.handlers.get('project:save')!(stranger, { path: null, text: '' })).rejects.toThrow(
      /untrusted/,
    );
  });

  it('hardens the session and every web contents, and sets the menu', () => {
    const names = rec.calls.map((c) => c.what);
    expect(names).toEqual(
      expect.arrayContaining([
        'setPermissionRequestHandler',
        'setPermissionCheckHandler',
        'setApplicationMenu',
      ]),
    );
    const created = rec.appListeners.get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    created[0]!({}, contents);
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.on.mock.calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['will-frame-navigate', 'will-redirect', 'will-attach-webview']),
    );
  });
});
