import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { packWeightSet } from '../../../src/compiler/tfjs-weights';
import { readWeightsSidecar } from '../../../src/project/weights-sidecar';
import { encodeWorkshopBundle } from '../../../src/project/workshop-bundle';

// host-services imports Electron's dialog and app; the functions tested here use neither.
vi.mock('electron', () => ({ app: {}, dialog: {} }));
const { readOpenedFile, writeWeightsSidecarFiles } = await import('../../../electron/main/host-services');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerloom-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tensors = [
  { name: 'd1/kernel', shape: [2, 2], values: new Float32Array([1, -2, 3.5, 4]) },
  { name: 'd1/bias', shape: [2], values: new Float32Array([0.25, -0.5]) },
];
const toSave = () => {
  const set = packWeightSet(tensors);
  return {
    planHash: 'feedbeef',
    specs: set.specs.map(({ name, shape }) => ({ name, shape })),
    bin: new Uint8Array(set.data),
  };
};

describe('the weights sidecar on disk', () => {
  it('writes <file>.weights.json naming <file>.weights.bin, and reads both back with the project', async () => {
    const file = path.join(dir, 'net.layerloom');
    await writeFile(file, '{"p":1}');
    await writeWeightsSidecarFiles(file, toSave());
    expect((await readdir(dir)).sort()).toEqual([
      'net.layerloom',
      'net.layerloom.weights.bin',
      'net.layerloom.weights.json',
    ]);
    const opened = await readOpenedFile(file);
    if (!('text' in opened) || !opened.weights) throw new Error('expected a project with weights');
    expect(opened.text).toBe('{"p":1}');
    const r = readWeightsSidecar(
      opened.weights.json,
      new Map([['net.layerloom.weights.bin', opened.weights.bin]]),
    );
    expect(r).toEqual({ ok: true, value: { planHash: 'feedbeef', tensors } });
  });

  it('gives no weights when the sidecar is absent or half there', async () => {
    const file = path.join(dir, 'net.layerloom');
    await writeFile(file, '{}');
    expect(await readOpenedFile(file)).toEqual({ text: '{}', weights: null });
    await writeFile(`${file}.weights.json`, '{}');
    expect(await readOpenedFile(file)).toEqual({ text: '{}', weights: null });
  });

  it('opens a bundle as bytes, told by its first bytes rather than its name', async () => {
    const bundle = encodeWorkshopBundle({ projectText: '{}', weights: null, datasets: [] });
    if (!bundle.ok) throw new Error(bundle.error.message);
    const file = path.join(dir, 'renamed.json');
    await writeFile(file, bundle.value);
    const opened = await readOpenedFile(file);
    expect(opened).toEqual({ bundle: new Uint8Array(await readFile(file)) });
  });
});
