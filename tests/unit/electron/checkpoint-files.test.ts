import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFiles } from '../../../electron/main/backup-files';
import { CHECKPOINT_DIR, checkpointFileName, checkpointFiles } from '../../../electron/main/checkpoint-files';
import { createChannelHandlers, handleInvoke, type HostServices } from '../../../electron/main/ipc-handlers';

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'layerloom-ckpt-')), 'userData');
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const bytes = (...values: number[]) => new Uint8Array(values);

describe('checkpointFiles (app data folder)', () => {
  it('keeps one file per project, replaced on write, removed on clear', async () => {
    const files = checkpointFiles(dir);
    expect(await files.read('/home/u/a.layerloom')).toBeNull();
    await files.write('/home/u/a.layerloom', bytes(1, 2, 3));
    await files.write('/home/u/a.layerloom', bytes(4, 5));
    await files.write('untitled:Net', bytes(9));
    expect(await files.read('/home/u/a.layerloom')).toEqual(bytes(4, 5));
    expect(await files.read('untitled:Net')).toEqual(bytes(9));
    const names = await readdir(path.join(dir, CHECKPOINT_DIR));
    expect(names.sort()).toEqual(
      [checkpointFileName('/home/u/a.layerloom'), checkpointFileName('untitled:Net')].sort(),
    );
    await files.clear('/home/u/a.layerloom');
    expect(await files.read('/home/u/a.layerloom')).toBeNull();
    expect(await files.read('untitled:Net')).toEqual(bytes(9));
    await files.clear('never written');
  });

  it('names files by a hash, so a key cannot point outside the folder', () => {
    for (const key of ['../../etc/passwd', '/abs/path', 'C:\\x\\y', 'a/b']) {
      expect(checkpointFileName(key)).toMatch(/^[0-9a-f]{32}\.llckpt$/);
    }
    expect(checkpointFileName('a')).not.toBe(checkpointFileName('b'));
  });
});

describe('checkpoint channels', () => {
  const services = (): HostServices => ({
    chooseOpenPath: async () => null,
    chooseSavePath: async () => null,
    readOpened: async () => ({ text: '', weights: null }),
    chooseBundlePath: async () => null,
    chooseModelPath: async () => null,
    readModel: async () => [],
    writeWeights: async () => {},
    writeBytes: async () => {},
    writeText: async () => {},
    appInfo: () => ({ version: '1', platform: 'linux' }),
    backup: backupFiles(dir),
    checkpoints: checkpointFiles(dir),
    uncleanExit: () => false,
    replyToClose: vi.fn(),
  });

  it('round-trips bytes through the handlers', async () => {
    const handlers = createChannelHandlers(services());
    const project = '/home/u/net.layerloom';
    await expect(handleInvoke('checkpoint:read', true, { project }, handlers)).resolves.toBeNull();
    await expect(
      handleInvoke('checkpoint:write', true, { project, bytes: bytes(7, 8, 9) }, handlers),
    ).resolves.toBeNull();
    const read = await handleInvoke('checkpoint:read', true, { project }, handlers);
    expect(read?.bytes).toEqual(bytes(7, 8, 9));
    await expect(handleInvoke('checkpoint:clear', true, { project }, handlers)).resolves.toBeNull();
    await expect(handleInvoke('checkpoint:read', true, { project }, handlers)).resolves.toBeNull();
  });

  it('refuses untrusted senders and bad payloads before touching files', async () => {
    const s = services();
    const write = vi.spyOn(s.checkpoints, 'write');
    const handlers = createChannelHandlers(s);
    const ok = { project: 'p', bytes: bytes(1) };
    await expect(handleInvoke('checkpoint:write', false, ok, handlers)).rejects.toThrow(/untrusted/);
    await expect(
      handleInvoke('checkpoint:write', true, { project: 'p', bytes: [1, 2] }, handlers),
    ).rejects.toThrow(/\$\.bytes/);
    await expect(
      handleInvoke('checkpoint:write', true, { project: '', bytes: bytes(1) }, handlers),
    ).rejects.toThrow(/\$\.project/);
    await expect(handleInvoke('checkpoint:write', true, { ...ok, extra: 1 }, handlers)).rejects.toThrow(
      /extra/,
    );
    await expect(handleInvoke('checkpoint:clear', true, undefined, handlers)).rejects.toThrow(
      /invalid payload/,
    );
    expect(write).not.toHaveBeenCalled();
  });
});
