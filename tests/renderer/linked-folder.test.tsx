import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { folderImportSource, linkFolder, restoreLinkedFolder } from '../../renderer/state/linked-folder';
import { assembleImages, type DecodedImage } from '../../src/data/image-folder';
import { DEFAULT_IMPORT_SPLIT, divideImport } from '../../src/data/imported';
import type { DatasetRef, Doc } from '../../src/graph/document';
import { folderManifest } from '../../src/project/linked-folder';
import { LINK_THRESHOLD_BYTES } from '../../src/project/linked-files';
import { chain } from '../unit/core/doc-helpers';
import { renderInApp } from './render-app';

/** A stand-in for the canvas decoder (happy-dom has none): an 8×8 image filled with the file's first byte. */
async function fakeDecode(jobs: readonly { file: Blob; path: string; label: number }[], size: number) {
  return Promise.all(
    jobs.map(async (j): Promise<DecodedImage> => {
      const first = new Uint8Array(await j.file.arrayBuffer())[0] ?? 0;
      const pixels = new Uint8Array(size * size).fill(first);
      return { ok: true, path: j.path, label: j.label, width: 8, height: 8, pixels };
    }),
  );
}

vi.mock('../../renderer/panels/image-decode', () => ({
  decodeAll: (jobs: readonly { file: Blob; path: string; label: number }[], size: number) =>
    fakeDecode(jobs, size),
}));

afterEach(() => {
  cleanup();
  delete (globalThis as { layerloom?: unknown }).layerloom;
});

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const SETTINGS = { size: 8, channels: 1 as const, split: DEFAULT_IMPORT_SPLIT };

/** Ten cats then ten dogs, each a few bytes that start with its own number. */
const FILES = Array.from({ length: 20 }, (_, i) => ({
  path: `${i < 10 ? 'cat' : 'dog'}/${i}.png`,
  bytes: new Uint8Array([i * 10, 1, 2, 3]),
}));

/** A folder import linked under `root`, recorded as it was imported. */
function linkedFolderRef(root = '/old/shapes', settings = JSON.stringify(SETTINGS)) {
  const entries = FILES.map((f) => ({ path: f.path, bytes: f.bytes.byteLength, sha256: sha(f.bytes) }));
  const link = {
    root,
    files: entries.map((e) => ({ name: e.path, bytes: e.bytes })),
    sha256: sha(new TextEncoder().encode(folderManifest(entries))),
  };
  const source = { ...folderImportSource('k9', link, SETTINGS, []), settings };
  const ref: Extract<DatasetRef, { kind: 'imported' }> = {
    kind: 'imported',
    id: 'k9',
    name: 'shapes',
    inputShape: [8, 8, 1],
    classes: 2,
    task: 'classification',
    source,
  };
  return ref;
}

/** Reads files of a folder from a map of absolute paths. */
const readFrom = (files: Map<string, Uint8Array>) => async (root: string, rel: string) => {
  const b = files.get(`${root}/${rel}`);
  return b ? { bytes: new Uint8Array(b), sha256: sha(b) } : null;
};
const at = (root: string, edit?: (i: number, b: Uint8Array) => Uint8Array) =>
  new Map(FILES.map((f, i) => [`${root}/${f.path}`, edit ? edit(i, f.bytes) : f.bytes]));

describe('linked image folders (desktop, large folders saved by path)', () => {
  it('links a large picked folder on the desktop under its root; small or browser picks stay stored', async () => {
    const big = LINK_THRESHOLD_BYTES;
    const picks = FILES.slice(0, 2).map((f) => ({
      rel: `shapes/${f.path}`,
      bytes: big,
      path: `/home/u/shapes/${f.path}`,
      read: async () => new Uint8Array(f.bytes),
    }));
    const link = await linkFolder(picks);
    const entries = FILES.slice(0, 2).map((f) => ({ path: f.path, bytes: big, sha256: sha(f.bytes) }));
    expect(link).toEqual({
      root: '/home/u/shapes',
      files: [
        { name: 'cat/0.png', bytes: big },
        { name: 'cat/1.png', bytes: big },
      ],
      sha256: sha(new TextEncoder().encode(folderManifest(entries))),
    });
    expect(folderImportSource('h', link, SETTINGS, [])).toMatchObject({
      storage: 'linked',
      root: '/home/u/shapes',
      settings: JSON.stringify(SETTINGS),
    });
    expect(await linkFolder(picks.map((p) => ({ ...p, bytes: 10 })))).toBeNull();
    const colon = { ...picks[1]!, rel: 'shapes/cat/a:b.png', path: '/home/u/shapes/cat/a:b.png' };
    expect(await linkFolder([picks[0]!, colon])).toBeNull();
    expect(await linkFolder(picks.map((p) => ({ ...p, path: undefined })))).toBeNull();
    expect(await linkFolder([picks[0]!, { ...picks[1]!, path: '/elsewhere/shapes/cat/1.png' }])).toBeNull();
    const stored = folderImportSource('h', null, SETTINGS, [{ name: 'shapes/cat/0.png', bytes: 4 }]);
    expect(stored).toEqual({
      format: 'image-folder',
      hash: 'h',
      files: [{ name: 'shapes/cat/0.png', bytes: 4 }],
    });
  });

  it('prepares the same set again from the files with the recorded settings', async () => {
    const ref = linkedFolderRef();
    const r = await restoreLinkedFolder(ref, readFrom(at('/old/shapes')), fakeDecode);
    if (r.kind !== 'ready') throw new Error(`not ready: ${JSON.stringify(r)}`);
    const direct = assembleImages(
      await fakeDecode(
        FILES.map((f, i) => ({ file: new Blob([f.bytes]), path: f.path, label: i < 10 ? 0 : 1 })),
        8,
      ),
      2,
      8,
      1,
    );
    const parts = divideImport(direct.dataset, DEFAULT_IMPORT_SPLIT);
    if (!parts.ok) throw new Error(parts.error);
    expect(r.data.hash).toBe('k9');
    expect(r.data.classNames).toEqual(['cat', 'dog']);
    expect(r.data.parts.train.inputShape).toEqual([8, 8, 1]);
    // Same images in the same parts: the same labels and pixels as a direct import gives.
    const image = (p: unknown) => p as { labels: Uint8Array; pixels: Uint8Array };
    expect([...image(r.data.parts.train).labels]).toEqual([...parts.value.train.labels]);
    expect(new Set(image(r.data.parts.train).labels)).toEqual(new Set([0, 1]));
    expect([...image(r.data.parts.test).pixels]).toEqual([...parts.value.test.pixels]);
  });

  it('names files gone or resized, the folder when it is gone or its contents differ, and bad settings', async () => {
    const ref = linkedFolderRef();
    expect(await restoreLinkedFolder(ref, async () => null, fakeDecode)).toEqual({
      kind: 'problems',
      problems: [{ kind: 'missing', name: 'shapes', path: '/old/shapes' }],
    });
    const files = at('/old/shapes');
    files.delete('/old/shapes/dog/12.png');
    files.set('/old/shapes/cat/3.png', new Uint8Array([9]));
    expect(await restoreLinkedFolder(ref, readFrom(files), fakeDecode)).toEqual({
      kind: 'problems',
      problems: [
        { kind: 'changed', name: 'cat/3.png', path: '/old/shapes/cat/3.png' },
        { kind: 'missing', name: 'dog/12.png', path: '/old/shapes/dog/12.png' },
      ],
    });
    const edited = at('/old/shapes', (i, b) => (i === 5 ? new Uint8Array([7, 7, 7, 7]) : b));
    expect(await restoreLinkedFolder(ref, readFrom(edited), fakeDecode)).toEqual({
      kind: 'problems',
      problems: [{ kind: 'changed', name: 'shapes', path: '/old/shapes' }],
    });
    const bad = linkedFolderRef('/old/shapes', JSON.stringify({ ...SETTINGS, channels: 4 }));
    expect(await restoreLinkedFolder(bad, readFrom(at('/old/shapes')), fakeDecode)).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/^settings\.channels/),
    });
  });

  it('shows a notice for a moved folder, locates it again and trains on it', async () => {
    const api = installApi(at('/new/shapes'), '/new/shapes');
    const doc: Doc = {
      ...chain([['input', { layout: 'vector', size: 2 }], ['output']]),
      dataset: linkedFolderRef(),
    };
    const { stores } = renderInApp(<TrainingPanel />, doc);
    const region = screen.getByRole('region', { name: 'Training' });
    const notice = await within(region).findByRole('status', { name: 'shapes' });
    expect(notice.textContent).toContain("The folder 'shapes' is no longer at /old/shapes.");
    expect(api.readDatasetFile).toHaveBeenCalledWith({ path: 'cat/0.png', root: '/old/shapes' });
    expect(within(region).getByLabelText('Epochs')).toBeTruthy();
    await act(async () =>
      fireEvent.click(within(notice).getByRole('button', { name: 'Locate the folder shapes…' })),
    );
    expect(api.locateDatasetFolder).toHaveBeenCalledWith({ name: 'shapes', root: '/old/shapes' });
    await waitFor(() => expect(stores.datasets.getState().byHash['k9']?.classNames).toEqual(['cat', 'dog']));
    const ref = stores.document.getState().doc.dataset;
    expect(ref.kind === 'imported' && ref.source?.root).toBe('/new/shapes');
    expect(within(region).queryByRole('status', { name: 'shapes' })).toBeNull();
  });

  it('refuses a located folder whose images differ, and keeps the notice', async () => {
    const edited = at('/new/shapes', (i, b) => (i === 0 ? new Uint8Array([1, 1, 1, 1]) : b));
    const api = installApi(edited, '/new/shapes');
    const doc: Doc = {
      ...chain([['input', { layout: 'vector', size: 2 }], ['output']]),
      dataset: linkedFolderRef(),
    };
    const { stores } = renderInApp(<TrainingPanel />, doc);
    const notice = await screen.findByRole('status', { name: 'shapes' });
    expect(notice.textContent).toContain("The folder 'shapes' is no longer at /old/shapes.");
    await act(async () => fireEvent.click(within(notice).getByRole('button', { name: /Locate the folder/ })));
    await waitFor(() =>
      expect(within(notice).getByRole('alert').textContent).toContain('does not hold the images'),
    );
    expect(api.readDatasetFile).toHaveBeenCalledWith({ path: 'cat/0.png', root: '/new/shapes' });
    expect(stores.document.getState().doc.dataset).toEqual(linkedFolderRef());
    expect(stores.datasets.getState().byHash['k9']).toBeUndefined();
  });
});

/** A fake preload API: every channel present; reads come from `files`, the folder dialog answers `located`. */
function installApi(files: Map<string, Uint8Array>, located: string) {
  const none = async () => null;
  const off = () => () => {};
  const read = readFrom(files);
  const api = {
    openProject: none,
    saveProject: none,
    saveBundle: none,
    openModel: none,
    appInfo: async () => ({ version: '1', platform: 'linux' }),
    writeBackup: none,
    readBackup: none,
    clearBackup: none,
    writeCheckpoint: none,
    readCheckpoint: none,
    clearCheckpoint: none,
    beginSession: async () => ({ uncleanExit: false }),
    replyToClose: none,
    readDatasetFile: vi.fn(async ({ path, root }: { path: string; root?: string }) =>
      root ? read(root, path) : null,
    ),
    locateDatasetFile: vi.fn(none),
    locateDatasetFolder: vi.fn(async () => ({ path: located })),
    onMenuCommand: off,
    onProjectOpened: off,
    onWillClose: off,
  };
  (globalThis as { layerloom?: unknown }).layerloom = api;
  return api;
}
