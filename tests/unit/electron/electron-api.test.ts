import { describe, expect, it, vi } from 'vitest';
import { electronApi } from '../../../renderer/host/electron-api';

const goodApi = () => ({
  openProject: vi.fn(async () => ({ path: '/a.json', text: '{}' })),
  saveProject: vi.fn(async (_payload: unknown) => ({ path: '/a.json' })),
  appInfo: vi.fn(async () => ({ version: '0.1.0', platform: 'linux' })),
});

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

  it('rejects a response that breaks the contract', async () => {
    const raw = { ...goodApi(), openProject: vi.fn(async () => ({ path: 3 })) };
    await expect(electronApi({ layerloom: raw })!.openProject()).rejects.toThrow(/project:open/);
  });
});
