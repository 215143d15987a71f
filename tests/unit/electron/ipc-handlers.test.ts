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
    chooseBundlePath: vi.fn(async (name: string) => `/home/u/${name}`),
    readOpened: vi.fn(async () => ({ text: '{"format":"layerloom"}', weights: null })),
    chooseModelPath: vi.fn(async () => '/home/u/tiny/model.json'),
    readModel: vi.fn(async (file: string) => [
      { name: file.split('/').pop()!, bytes: new Uint8Array([123, 125]) },
    ]),
    writeText: vi.fn(async (file: string, text: string) => void written.set(file, text)),
    writeWeights: vi.fn(async () => {}),
    writeBytes: vi.fn(async () => {}),
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
      weights: null,
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

describe('trained weights and bundles', () => {
  const weights = {
    planHash: 'abc123',
    specs: [
      { name: 'd1/kernel', shape: [2, 3] },
      { name: 'd1/bias', shape: [3] },
    ],
    bin: new Uint8Array(9 * 4),
  };

  it('writes the weights sidecar after the project, to the path actually saved', async () => {
    const { services } = fakeServices();
    const handlers = createChannelHandlers(services);
    const request = { path: null, text: 'p', weights };
    await expect(handleInvoke('project:save', true, request, handlers)).resolves.toEqual({
      path: '/home/u/chosen.json',
    });
    expect(services.writeWeights).toHaveBeenCalledWith('/home/u/chosen.json', weights);
    const first = (f: unknown) => vi.mocked(f as () => void).mock.invocationCallOrder[0]!;
    expect(first(services.writeText)).toBeLessThan(first(services.writeWeights));
  });

  it('saves no sidecar without weights and refuses weights whose bytes do not fit their shapes', async () => {
    const { services } = fakeServices();
    const handlers = createChannelHandlers(services);
    await handleInvoke('project:save', true, { path: null, text: 'p' }, handlers);
    expect(services.writeWeights).not.toHaveBeenCalled();
    const save = (w: unknown) =>
      handleInvoke('project:save', true, { path: null, text: 'p', weights: w }, handlers);
    await expect(save({ ...weights, bin: new Uint8Array(8) })).rejects.toThrow(
      /\$\.weights: the weight values do not match their shapes/,
    );
    await expect(save({ ...weights, specs: [{ name: 'x', shape: [1.5] }] })).rejects.toThrow(
      /\$\.weights\.specs\.0\.shape\.0/,
    );
    await expect(save({ ...weights, bin: [0, 0] })).rejects.toThrow(/\$\.weights\.bin/);
    expect(services.writeText).toHaveBeenCalledTimes(1);
  });

  it('hands over a sidecar or a bundle read with the opened file', async () => {
    const sidecar = { json: '{}', bin: new Uint8Array([1, 2]) };
    const withWeights = fakeServices({ readOpened: async () => ({ text: 't', weights: sidecar }) });
    await expect(
      handleInvoke('project:open', true, undefined, createChannelHandlers(withWeights.services)),
    ).resolves.toEqual({ path: '/home/u/opened.json', text: 't', weights: sidecar });
    const bundle = new Uint8Array([76, 76]);
    const withBundle = fakeServices({ readOpened: async () => ({ bundle }) });
    await expect(
      handleInvoke('project:open', true, undefined, createChannelHandlers(withBundle.services)),
    ).resolves.toEqual({ path: '/home/u/opened.json', bundle });
  });

  it('saves a bundle where the user chose, and nothing when cancelled', async () => {
    const { services } = fakeServices();
    const bytes = new Uint8Array([1, 2, 3]);
    const handlers = createChannelHandlers(services);
    await expect(
      handleInvoke('bundle:save', true, { name: 'net.layerloom-bundle', bytes }, handlers),
    ).resolves.toEqual({ path: '/home/u/net.layerloom-bundle' });
    expect(services.writeBytes).toHaveBeenCalledWith('/home/u/net.layerloom-bundle', bytes);
    await expect(handleInvoke('bundle:save', true, { name: 'x', bytes: 'abc' }, handlers)).rejects.toThrow(
      /\$\.bytes/,
    );
    const cancelled = fakeServices({ chooseBundlePath: async () => null }).services;
    await expect(
      handleInvoke('bundle:save', true, { name: 'x', bytes }, createChannelHandlers(cancelled)),
    ).resolves.toBeNull();
    expect(cancelled.writeBytes).not.toHaveBeenCalled();
  });
});

describe('model handler', () => {
  it('reads the model chosen in the dialog, or returns null and reads nothing when cancelled', async () => {
    const { services } = fakeServices();
    await expect(
      handleInvoke('model:open', true, undefined, createChannelHandlers(services)),
    ).resolves.toEqual({
      files: [{ name: 'model.json', bytes: new Uint8Array([123, 125]) }],
    });
    expect(services.readModel).toHaveBeenCalledWith('/home/u/tiny/model.json');
    const cancelled = fakeServices({ chooseModelPath: async () => null }).services;
    await expect(createChannelHandlers(cancelled)['model:open'](undefined)).resolves.toBeNull();
    expect(cancelled.readModel).not.toHaveBeenCalled();
  });

  it('shows no dialog for an untrusted sender or a payload', async () => {
    const { services } = fakeServices();
    const handlers = createChannelHandlers(services);
    await expect(handleInvoke('model:open', false, undefined, handlers)).rejects.toThrow(/untrusted/);
    await expect(handleInvoke('model:open', true, { path: '/etc/passwd' }, handlers)).rejects.toThrow(
      /model:open: invalid payload/,
    );
    expect(services.chooseModelPath).not.toHaveBeenCalled();
  });

  it('does not let the page save over a model it imported', async () => {
    const { services, written } = fakeServices();
    const handlers = createChannelHandlers(services);
    await handlers['model:open'](undefined);
    await handlers['project:save']({ path: '/home/u/tiny/model.json', text: 'x' });
    expect(services.chooseSavePath).toHaveBeenCalledWith('/home/u/tiny/model.json');
    expect([...written.keys()]).toEqual(['/home/u/chosen.json']);
  });
});
