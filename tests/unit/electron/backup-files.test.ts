import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFiles } from '../../../electron/main/backup-files';
import { checkpointFiles } from '../../../electron/main/checkpoint-files';
import { createChannelHandlers, handleInvoke, type HostServices } from '../../../electron/main/ipc-handlers';

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'layerloom-backup-')), 'userData');
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe('backupFiles (app data folder)', () => {
  it('writes, reads and clears the backup, creating the folder', async () => {
    const files = backupFiles(dir);
    expect(await files.read()).toBeNull();
    await files.write('{"v":1}');
    await files.write('{"v":2}');
    expect(await files.read()).toBe('{"v":2}');
    await files.clear();
    expect(await files.read()).toBeNull();
    await files.clear(); // clearing nothing is fine
  });

  it('detects an unclean exit from the session marker', async () => {
    expect(await backupFiles(dir).beginSession()).toBe(false);
    // The process "crashed": no endSession. The next start sees the marker.
    expect(await backupFiles(dir).beginSession()).toBe(true);
    await backupFiles(dir).endSession();
    expect(await backupFiles(dir).beginSession()).toBe(false);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('backup and session channels', () => {
  const services = (files = backupFiles(dir)): HostServices => ({
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
    backup: files,
    checkpoints: checkpointFiles(dir),
    uncleanExit: () => true,
    replyToClose: vi.fn(),
  });

  it('round-trips a backup through the handlers with checked payloads', async () => {
    const handlers = createChannelHandlers(services());
    await expect(handleInvoke('backup:read', true, undefined, handlers)).resolves.toBeNull();
    await expect(handleInvoke('backup:write', true, { text: 'abc' }, handlers)).resolves.toBeNull();
    await expect(handleInvoke('backup:read', true, undefined, handlers)).resolves.toEqual({ text: 'abc' });
    await expect(handleInvoke('backup:clear', true, undefined, handlers)).resolves.toBeNull();
    await expect(handleInvoke('backup:write', true, { text: 1 }, handlers)).rejects.toThrow(/\$\.text/);
    await expect(handleInvoke('backup:write', false, { text: 'x' }, handlers)).rejects.toThrow(/untrusted/);
  });

  it('answers session:begin and passes close replies to the guard', async () => {
    const s = services();
    const handlers = createChannelHandlers(s);
    await expect(handleInvoke('session:begin', true, undefined, handlers)).resolves.toEqual({
      uncleanExit: true,
    });
    await handleInvoke('window:close-reply', true, { proceed: false }, handlers);
    expect(s.replyToClose).toHaveBeenCalledWith(false);
    await expect(handleInvoke('window:close-reply', true, { proceed: 'yes' }, handlers)).rejects.toThrow(
      /proceed/,
    );
  });
});
