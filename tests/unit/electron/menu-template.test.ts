import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { DOCS_URL, isAllowedExternalUrl } from '../../../electron/main/external-links';
import { buildMenuTemplate } from '../../../electron/main/menu-template';
import { MENU_COMMANDS, parseEvent, type MenuCommand } from '../../../src/ipc/channels';

type Item = MenuItemConstructorOptions;
const actions = () => ({
  command: vi.fn<(command: MenuCommand) => void>(),
  openRecent: vi.fn<(file: string) => void>(),
  clearRecent: vi.fn<() => void>(),
  openExternal: vi.fn<(url: string) => void>(),
});
const items = (menu: Item | undefined): Item[] => (menu?.submenu ?? []) as Item[];
const byLabel = (menus: Item[], label: string) => menus.find((m) => m.label?.replace('&', '') === label);
const click = (item: Item | undefined) => (item?.click as () => void)();

describe('buildMenuTemplate', () => {
  const ctx = { platform: 'linux', appName: 'Layerloom', recent: ['/p/a.layerloom', '/p/b.layerloom'] };

  it('has File, Edit, View, Run and Help with the expected items', () => {
    const menus = buildMenuTemplate(ctx, actions());
    expect(menus.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    const labels = (name: string) => items(byLabel(menus, name)).map((i) => i.label ?? i.role ?? i.type);
    expect(labels('File')).toEqual([
      'New',
      'Open…',
      'Open Recent',
      'Import model.json…',
      'separator',
      'Save',
      'Save As…',
      'Export…',
      'Export workshop bundle…',
      'separator',
      'quit',
    ]);
    expect(labels('Edit')).toEqual(['Undo', 'Redo', 'separator', 'cut', 'copy', 'paste', 'selectAll']);
    expect(labels('View')).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'Fit to Window', 'Toggle Theme']),
    );
    expect(labels('Run')).toEqual(['Train', 'Stop']);
    expect(labels('Help')).toEqual(['Documentation', 'About Layerloom']);
  });

  it('sends every renderer command as a valid menu:command payload', () => {
    const a = actions();
    const walk = (list: Item[]): void =>
      list.forEach((i) => {
        if (i.click && !['Documentation', 'Clear Recent', ...ctx.recent].includes(i.label ?? '')) click(i);
        walk((i.submenu ?? []) as Item[]);
      });
    walk(buildMenuTemplate(ctx, a));
    const sent = a.command.mock.calls.map(([c]) => c);
    expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS));
    for (const command of sent) expect(parseEvent('menu:command', { command }).ok).toBe(true);
  });

  it('lists recent files, opens them and clears the list', () => {
    const a = actions();
    const recent = items(byLabel(items(byLabel(buildMenuTemplate(ctx, a), 'File')), 'Open Recent'));
    click(recent[1]);
    expect(a.openRecent).toHaveBeenCalledWith('/p/b.layerloom');
    click(byLabel(recent, 'Clear Recent'));
    expect(a.clearRecent).toHaveBeenCalled();
    const none = items(
      byLabel(items(byLabel(buildMenuTemplate({ ...ctx, recent: [] }, a), 'File')), 'Open Recent'),
    );
    expect(none).toEqual([{ label: 'No recent files', enabled: false }]);
  });

  it('asks the renderer to import a model.json from the File menu', () => {
    const a = actions();
    click(byLabel(items(byLabel(buildMenuTemplate(ctx, a), 'File')), 'Import model.json…'));
    expect(a.command.mock.calls).toEqual([['import-model']]);
  });

  it('opens the docs through the allow-list, and shows undo/redo keys without taking them', () => {
    const a = actions();
    const menus = buildMenuTemplate(ctx, a);
    click(byLabel(items(byLabel(menus, 'Help')), 'Documentation'));
    expect(a.openExternal).toHaveBeenCalledWith(DOCS_URL);
    expect(isAllowedExternalUrl(DOCS_URL)).toBe(true);
    const undo = byLabel(items(byLabel(menus, 'Edit')), 'Undo');
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
  });

  it('follows macOS conventions: an app menu with About and Quit', () => {
    const menus = buildMenuTemplate({ ...ctx, platform: 'darwin' }, actions());
    expect(menus[0]?.label).toBe('Layerloom');
    expect(items(menus[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(items(byLabel(menus, 'File')).some((i) => i.role === 'quit')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://github.com/x', true],
    ['https://pytorch.org/docs', true],
    ['http://github.com/x', false],
    ['https://github.com.evil.example/', false],
    ['https://user:pw@github.com/', false],
    ['https://github.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => expect(isAllowedExternalUrl(url)).toBe(allowed));
});
