import { mkdtemp, readdir, readFile, rm, stat, chmod, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/main/atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerloom-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a new file and leaves no temporary file', async () => {
    const file = path.join(dir, 'model.layerloom.json');
    await writeFileAtomic(file, '{"a":1}');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}');
    expect(await readdir(dir)).toEqual(['model.layerloom.json']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const file = path.join(dir, 'p.json');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeFileAtomic(file, new TextEncoder().encode('new'));
    expect(await readFile(file, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['p.json']);
  });

  it('fails without leaving anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'p.json'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temporary file when the rename fails, and keeps the target', async () => {
    const target = path.join(dir, 'is-a-folder');
    await mkdir(target);
    await writeFile(path.join(target, 'keep'), 'k');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['is-a-folder']);
    expect(await readFile(path.join(target, 'keep'), 'utf8')).toBe('k');
  });

  it('leaves one complete version when writes race', async () => {
    const file = path.join(dir, 'race.json');
    const texts = Array.from({ length: 8 }, (_, i) => String(i).repeat(100_000));
    await Promise.all(texts.map((t) => writeFileAtomic(file, t)));
    expect(texts).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.json']);
  });
});
