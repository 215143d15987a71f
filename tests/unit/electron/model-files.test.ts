import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { modelWeightNames } from '../../../electron/main/model-files';
import { MAX_MODEL_FILES } from '../../../src/ipc/channels';

// host-services imports Electron's dialog and app; readModelFiles uses neither.
vi.mock('electron', () => ({ app: {}, dialog: {} }));
const { readModelFiles } = await import('../../../electron/main/host-services');

const modelText = (...groups: unknown[][]) =>
  JSON.stringify({ modelTopology: {}, weightsManifest: groups.map((paths) => ({ paths, weights: [] })) });

describe('modelWeightNames', () => {
  it('lists the manifest files in order, once each, without a leading ./', () => {
    const text = modelText(
      ['./group1-shard1of2.bin', 'group1-shard2of2.bin'],
      ['group1-shard1of2.bin', 'g2.bin'],
    );
    expect(modelWeightNames(text)).toEqual({
      ok: true,
      value: ['group1-shard1of2.bin', 'group1-shard2of2.bin', 'g2.bin'],
    });
  });

  it('names no files for text the importer will refuse or a model without weights', () => {
    expect(modelWeightNames('{ nope')).toEqual({ ok: true, value: [] });
    expect(modelWeightNames('[1]')).toEqual({ ok: true, value: [] });
    expect(modelWeightNames(JSON.stringify({ modelTopology: {} }))).toEqual({ ok: true, value: [] });
    expect(modelWeightNames(JSON.stringify({ weightsManifest: [{ paths: 'a.bin' }, 7] }))).toEqual({
      ok: true,
      value: [],
    });
    expect(modelWeightNames(modelText([3, 'ok.bin']))).toEqual({ ok: true, value: ['ok.bin'] });
  });

  it.each([
    ['../x.bin', 'weightsManifest[0].paths[1]'],
    ['sub/x.bin', 'weightsManifest[0].paths[1]'],
    ['..\\x.bin', 'weightsManifest[0].paths[1]'],
    ['/etc/passwd', 'weightsManifest[0].paths[1]'],
    ['C:x.bin', 'weightsManifest[0].paths[1]'],
    ['..', 'weightsManifest[0].paths[1]'],
    ['./', 'weightsManifest[0].paths[1]'],
  ])('refuses %j, naming %s', (bad, where) => {
    const r = modelWeightNames(modelText(['ok.bin', bad]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain(where);
      expect(r.error).toContain(`'${bad}'`);
      expect(r.error).toMatch(/refusing/);
    }
  });

  it('refuses a manifest naming more files than one answer may carry', () => {
    const many = Array.from({ length: MAX_MODEL_FILES }, (_, i) => `w${i}.bin`);
    expect(modelWeightNames(modelText(many)).ok).toBe(false);
    expect(modelWeightNames(modelText(many.slice(1))).ok).toBe(true);
  });
});

describe('readModelFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'layerloom-model-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the model.json first, then the weight files beside it, skipping missing ones', async () => {
    const text = modelText(['./a.bin', 'gone.bin', 'b.bin']);
    await writeFile(path.join(dir, 'model.json'), text);
    await writeFile(path.join(dir, 'a.bin'), new Uint8Array([1, 2, 3, 4]));
    await writeFile(path.join(dir, 'b.bin'), new Uint8Array([5, 6]));
    const files = await readModelFiles(path.join(dir, 'model.json'));
    expect(files).toEqual([
      { name: 'model.json', bytes: new Uint8Array(Buffer.from(text)) },
      { name: 'a.bin', bytes: new Uint8Array([1, 2, 3, 4]) },
      { name: 'b.bin', bytes: new Uint8Array([5, 6]) },
    ]);
  });

  it('refuses a manifest path leaving the folder and reads nothing outside it', async () => {
    const inner = path.join(dir, 'inner');
    await writeFile(path.join(dir, 'secret.bin'), new Uint8Array([9]));
    await mkdir(inner);
    await writeFile(path.join(inner, 'evil.json'), modelText(['../secret.bin']));
    await expect(readModelFiles(path.join(inner, 'evil.json'))).rejects.toThrow(
      /evil\.json: weightsManifest\[0\]\.paths\[0\]: '\.\.\/secret\.bin'.*refusing/,
    );
  });

  it('refuses a model.json or a weights file over the size limits', async () => {
    await writeFile(path.join(dir, 'model.json'), modelText(['w.bin']));
    await writeFile(path.join(dir, 'w.bin'), new Uint8Array(64));
    const file = path.join(dir, 'model.json');
    await expect(readModelFiles(file, { json: 10, weights: 1000 })).rejects.toThrow(
      /model\.json is too large/,
    );
    await expect(readModelFiles(file, { json: 10_000, weights: 63 })).rejects.toThrow(/w\.bin is too large/);
    await expect(readModelFiles(file, { json: 10_000, weights: 64 })).resolves.toHaveLength(2);
  });

  it('fails clearly when the chosen model.json is gone', async () => {
    await expect(readModelFiles(path.join(dir, 'model.json'))).rejects.toThrow(/model\.json disappeared/);
  });
});
