import { describe, expect, it, vi } from 'vitest';
import { electronApi } from '../../../renderer/host/electron-api';

const goodApi = () => ({
  openProject: vi.fn(async () => ({ path: '/a.json', text: '{}' })),
  saveProject: vi.fn(async (_payload: unknown) => ({ path: '/a.json' })),
  saveBundle: vi.fn(async (_payload: unknown) => ({ path: '/a.layerloom-bundle' })),
  openModel: vi.fn(async () => ({ files: [{ name: 'model.json', bytes: new Uint8Array([123, 125]) }] })),
  appInfo: vi.fn(async () => ({ version: '0.1.0', platform: 'linux' })),
  writeBackup: vi.fn(async () => null),
  readBackup: vi.fn(async () => ({ text: '{}' })),
  clearBackup: vi.fn(async () => null),
  writeCheckpoint: vi.fn(async () => null),
  readCheckpoint: vi.fn(async () => null),
  clearCheckpoint: vi.fn(async () => null),
  readDatasetFile: vi.fn(async () => ({ bytes: new Uint8Array([1, 2]), sha256: 'c'.repeat(64) })),
  locateDatasetFile: vi.fn(async () => null),
  locateDatasetFolder: vi.fn(async () => null),
  beginSession: vi.fn(async () => ({ uncleanExit: true })),
  replyToClose: vi.fn(async () => null),
  onMenuCommand: subscription(),
  onProjectOpened: subscription(),
  onWillClose: subscription(),
});

/** A preload-style subscription whose listeners the test can call. */
function subscription() {
  const listeners = new Set<(payload: unknown) => void>();
  const subscribe = (listener: (payload: unknown) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return Object.assign(vi.fn(subscribe), {
    emit: (payload: unknown) => listeners.forEach((l) => l(payload)),
  });
}

describe('electronApi (renderer side of the preload contract)', () => {
  it('is null in a plain browser or with an incomplete API', () => {
    expect(electronApi({})).toBeNull();
    expect(electronApi({ layerloom: { openProject: async () => null } })).toBeNull();
  });

  it('forwards calls and returns checked responses', async () => {
    const raw = goodApi();
    const api = electronApi({ layerloom: raw });
    expect(api).not.toBeNull();
    await expect(api!.saveProject({ path: null, text: '{}' })).resolves.toEqual({ path: '/a.json' });
    expect(raw.saveProject).toHaveBeenCalledWith({ path: null, text: '{}' });
    await expect(api!.appInfo()).resolves.toEqual({ version: '0.1.0', platform: 'linux' });
  });

  it('checks linked dataset file answers and passes the preload file paths through', async () => {
    const raw = goodApi();
    const api = electronApi({ layerloom: raw })!;
    await expect(api.readDatasetFile({ path: '/d/big.csv' })).resolves.toMatchObject({
      sha256: 'c'.repeat(64),
    });
    const bad = {
      ...raw,
      readDatasetFile: vi.fn(async () => ({ bytes: new Uint8Array(1), sha256: 'nope' })),
    };
    await expect(electronApi({ layerloom: bad })!.readDatasetFile({ path: '/d/x' })).rejects.toThrow(
      /dataset:read: unexpected response at \$.sha256/,
    );
    // Before IPC version 6 the preload had no pathForFile: the API still works, without paths.
    expect(api.pathForFile).toBeUndefined();
    const withPaths = electronApi({ layerloom: { ...raw, pathForFile: (f: { p?: unknown }) => f.p } })!;
    expect(withPaths.pathForFile!({ p: '/home/u/big.csv' })).toBe('/home/u/big.csv');
    expect(withPaths.pathForFile!({ p: 42 })).toBe('');
  });

  it('rejects a response that breaks the contract', async () => {
    const raw = { ...goodApi(), openProject: vi.fn(async () => ({ path: 3 })) };
    await expect(electronApi({ layerloom: raw })!.openProject()).rejects.toThrow(/project:open/);
  });

  it('checks openModel answers: named byte files pass, anything else is refused', async () => {
    const raw = goodApi();
    await expect(electronApi({ layerloom: raw })!.openModel()).resolves.toEqual({
      files: [{ name: 'model.json', bytes: new Uint8Array([123, 125]) }],
    });
    const bad = {
      ...goodApi(),
      openModel: vi.fn(async () => ({ files: [{ name: 'model.json', bytes: [1] }] })),
    };
    await expect(electronApi({ layerloom: bad })!.openModel()).rejects.toThrow(/model:open.*files\.0\.bytes/);
    const none = { ...goodApi(), openModel: vi.fn(async () => ({ files: [] })) };
    await expect(electronApi({ layerloom: none })!.openModel()).rejects.toThrow(/model:open/);
  });

  it('checks event payloads and drops the ones that break the contract', () => {
    const raw = goodApi();
    const api = electronApi({ layerloom: raw })!;
    const seen: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const off = api.onMenuCommand((p) => seen.push(p));
    raw.onMenuCommand.emit({ command: 'save' });
    raw.onMenuCommand.emit({ command: 'rm -rf' });
    raw.onMenuCommand.emit({ command: 'undo', extra: 1 });
    off();
    raw.onMenuCommand.emit({ command: 'redo' });
    expect(seen).toEqual([{ command: 'save' }]);
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });

  it('is null when an event subscription is missing', () => {
    const { onWillClose: _gone, ...partial } = goodApi();
    expect(electronApi({ layerloom: partial })).toBeNull();
  });
});
