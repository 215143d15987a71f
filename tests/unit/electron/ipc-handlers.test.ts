import { describe, expect, it, vi } from 'vitest';
import {
  createChannelHandlers,
  handleInvoke,
  isTrustedSender,
  type HostServices,
} from '../../../electron/main/ipc-handlers';

function fakeServices(overrides: Partial<HostServices> = {}) {
  const written = new Map<string, string>();
  const services: HostServices = {
    chooseOpenPath: vi.fn(async () => '/home/u/opened.json'),
    chooseSavePath: vi.fn(async () => '/home/u/chosen.json'),
    readText: vi.fn(async () => '{"format":"layerloom"}'),
    writeText: vi.fn(async (file: string, text: string) => void written.set(file, text)),
    appInfo: () => ({ version: '0.1.0', platform: 'linux' }),
    backup: { write: vi.fn(async () => {}), read: vi.fn(async () => null), clear: vi.fn(async () => {}) },
    checkpoints: {
      write: vi.fn(async () => {}),
      read: vi.fn(async () => null),
      clear: vi.fn(async () => {}),
    },
    uncleanExit: () => false,
    replyToClose: vi.fn(),
    ...overrides,
  };
  return { services, written };
}

describe('isTrustedSender', () => {
  const contents = {};
  const top = (url: string) => ({ url, parent: null });
  const app = 'app://layerloom/index.html';

  it('accepts the main window top frame on our page', () => {
    expect(isTrustedSender({ sender: contents, senderFrame: top(app) }, contents, app)).toBe(true);
  });

  it('refuses other windows, sub-frames, foreign pages and missing frames', () => {
    expect(isTrustedSender({ sender: {}, senderFrame: top(app) }, contents, app)).toBe(false);
    expect(isTrustedSender({ sender: contents, senderFrame: { url: app, parent: {} } }, contents, app)).toBe(
      false,
    );
    expect(
      isTrustedSender({ sender: contents, senderFrame: top('https://evil.example/') }, contents, app),
    ).toBe(false);
    expect(isTrustedSender({ sender: contents, senderFrame: null }, contents, app)).toBe(false);
  });
});

describe('handleInvoke', () => {
  it('refuses an untrusted sender before looking at the payload', async () => {
    const { services } = fakeServices();
    const handlers = createChannelHandlers(services);
    await expect(handleInvoke('app:info', false, undefined, handlers)).rejects.toThrow(/untrusted/);
  });

  it('refuses an invalid payload with its path', async () => {
    const { services } = fakeServices();
    const handlers = createChannelHandlers(services);
    await expect(handleInvoke('project:save', true, { path: null }, handlers)).rejects.toThrow(/\$\.text/);
    expect(services.writeText).not.toHaveBeenCalled();
  });

  it('answers app:info', async () => {
    const handlers = createChannelHandlers(fakeServices().services);
    await expect(handleInvoke('app:info', true, undefined, handlers)).resolves.toEqual({
      version: '0.1.0',
      platform: 'linux',
    });
  });
});

describe('project handlers', () => {
  it('opens the chosen file, or returns null when cancelled', async () => {
    const { services } = fakeServices();
    const handlers = createChannelHandlers(services);
    await expect(handlers['project:open'](undefined)).resolves.toEqual({
      path: '/home/u/opened.json',
      text: '{"format":"layerloom"}',
    });
    const cancelled = createChannelHandlers(fakeServices({ chooseOpenPath: async () => null }).services);
    await expect(cancelled['project:open'](undefined)).resolves.toBeNull();
  });

  it('asks where to save a path the user never chose, so the page cannot pick files', async () => {
    const { services, written } = fakeServices();
    const handlers = createChannelHandlers(services);
    await expect(handlers['project:save']({ path: '/home/u/.bashrc', text: 'x' })).resolves.toEqual({
      path: '/home/u/chosen.json',
    });
    expect(services.chooseSavePath).toHaveBeenCalledWith('/home/u/.bashrc');
    expect([...written.keys()]).toEqual(['/home/u/chosen.json']);
  });

  it('saves straight to a path that was opened or saved before', async () => {
    const { services, written } = fakeServices();
    const handlers = createChannelHandlers(services);
    await handlers['project:open'](undefined);
    await handlers['project:save']({ path: '/home/u/opened.json', text: 'v2' });
    await handlers['project:save']({ path: null, text: 'first' });
    await handlers['project:save']({ path: '/home/u/chosen.json', text: 'second' });
    expect(services.chooseSavePath).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(written)).toEqual({
      '/home/u/opened.json': 'v2',
      '/home/u/chosen.json': 'second',
    });
  });

  it('returns null and writes nothing when the save dialog is cancelled', async () => {
    const { services, written } = fakeServices({ chooseSavePath: async () => null });
    const handlers = createChannelHandlers(services);
    await expect(handlers['project:save']({ path: null, text: 'x' })).resolves.toBeNull();
    expect(written.size).toBe(0);
  });
});
