import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { datasetFileAccess, type DatasetFs } from '../../../electron/main/dataset-files';
import { createChannelHandlers, handleInvoke, type HostServices } from '../../../electron/main/ipc-handlers';
import type { Doc } from '../../../src/graph/document';
import { serializeProject } from '../../../src/project/serialize';
import { emptyDoc } from '../core/doc-helpers';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const CAT = new Uint8Array([1, 2, 3]);
const DOG = new Uint8Array([4, 5]);
const SECRET = new TextEncoder().encode('root:x:0:0');

/** A fake file system of plain files and folders that records every path it is asked about. */
function fakeFs(
  files: Record<string, Uint8Array>,
  folders: string[] = [],
): DatasetFs & { touched: string[] } {
  const touched: string[] = [];
  const missing = (): never => {
    throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
  };
  return {
    touched,
    stat: async (file) => {
      touched.push(file);
      if (folders.includes(file)) return { size: 0, isFile: () => false };
      const bytes = files[file] ?? missing();
      return { size: bytes.byteLength, isFile: () => true };
    },
    readFile: async (file) => {
      touched.push(file);
      return files[file] ?? missing();
    },
  };
}

/** A project text whose dataset is an image folder linked under `root`. */
function projectLinkingFolder(root: string, files = ['cat/1.png', 'dog/2.png']): string {
  const doc: Doc = {
    ...emptyDoc(),
    dataset: {
      kind: 'imported',
      id: 'h',
      name: 'shapes',
      inputShape: [8, 8, 1],
      classes: 2,
      source: {
        format: 'image-folder',
        hash: 'h',
        storage: 'linked',
        settings: '{}',
        root,
        filesSha256: 'a'.repeat(64),
        files: files.map((name) => ({ name, bytes: 3 })),
      },
    },
  };
  return serializeProject(doc, '0.1.0');
}

describe('linked image folders in the main process', () => {
  it('reads only the files an opened project records under its root, with their SHA-256', async () => {
    const fs = fakeFs({
      '/data/shapes/cat/1.png': CAT,
      '/data/shapes/dog/2.png': DOG,
      '/data/shapes/cat/3.png': CAT,
      '/etc/passwd': SECRET,
    });
    const access = datasetFileAccess(fs, async () => null);
    await expect(access.read('cat/1.png', '/data/shapes')).rejects.toThrow(/not a file of a linked folder/);
    access.allowProject(projectLinkingFolder('/data/shapes'));
    await expect(access.read('cat/1.png', '/data/shapes')).resolves.toMatchObject({ sha256: sha(CAT) });
    await expect(access.read('dog/2.png', '/data/shapes')).resolves.toMatchObject({ sha256: sha(DOG) });
    // Unrecorded files, traversal, another root, or the root's files read as plain paths are refused.
    for (const [file, root] of [
      ['cat/3.png', '/data/shapes'],
      ['../../../etc/passwd', '/data/shapes'],
      ['cat/../../../etc/passwd', '/data/shapes'],
      ['cat/1.png', '/data'],
      ['shapes/cat/1.png', '/data'],
      ['cat/1.png', '/data/shapes/'],
      ['cat/1.png', '/data/./shapes'],
      ['/etc/passwd', '/data/shapes'],
    ] as const)
      await expect(access.read(file, root), `${root} ${file}`).rejects.toThrow(
        /not a file of a linked folder/,
      );
    await expect(access.read('/data/shapes/cat/1.png')).rejects.toThrow(/not a dataset file/);
    expect(fs.touched.filter((p) => !p.startsWith('/data/shapes/cat/1.png') && !p.includes('dog'))).toEqual(
      [],
    );
  });

  it('refuses a project whose folder record would climb out of its root', async () => {
    const fs = fakeFs({ '/etc/passwd': SECRET });
    const access = datasetFileAccess(fs, async () => null);
    access.allowProject(projectLinkingFolder('/data/shapes', ['cat/1.png', '../../etc/passwd']));
    await expect(access.read('../../etc/passwd', '/data/shapes')).rejects.toThrow(/linked folder/);
    await expect(access.read('cat/1.png', '/data/shapes')).rejects.toThrow(/linked folder/);
    expect(fs.touched).toEqual([]);
  });

  it('answers null for a recorded file that is gone', async () => {
    const access = datasetFileAccess(fakeFs({}), async () => null);
    access.allowProject(projectLinkingFolder('/data/shapes'));
    await expect(access.read('cat/1.png', '/data/shapes')).resolves.toBeNull();
  });

  it('allows the same files under a located folder, only for a recorded root, nothing when cancelled', async () => {
    const fs = fakeFs({ '/mnt/shapes/cat/1.png': CAT, '/mnt/shapes/cat/9.png': CAT }, ['/mnt/shapes']);
    const chooseFolder = vi.fn(async (name: string) => (name === 'shapes' ? '/mnt/x/../shapes' : null));
    const access = datasetFileAccess(fs, async () => null, undefined, chooseFolder);
    await expect(access.locateFolder('shapes', '/data/shapes')).rejects.toThrow(/not a linked folder/);
    expect(chooseFolder).not.toHaveBeenCalled();
    access.allowProject(projectLinkingFolder('/data/shapes'));
    await expect(access.locateFolder('other', '/data/shapes')).resolves.toBeNull();
    await expect(access.read('cat/1.png', '/mnt/shapes')).rejects.toThrow(/linked folder/);
    await expect(access.locateFolder('shapes', '/data/shapes')).resolves.toEqual({ path: '/mnt/shapes' });
    await expect(access.read('cat/1.png', '/mnt/shapes')).resolves.toMatchObject({ sha256: sha(CAT) });
    await expect(access.read('cat/9.png', '/mnt/shapes')).rejects.toThrow(/linked folder/);
  });

  it('refuses a located file that is not a folder', async () => {
    const fs = fakeFs({ '/mnt/shapes.png': CAT });
    const access = datasetFileAccess(
      fs,
      async () => null,
      undefined,
      async () => '/mnt/shapes.png',
    );
    access.allowProject(projectLinkingFolder('/data/shapes'));
    await expect(access.locateFolder('shapes', '/data/shapes')).rejects.toThrow(
      'shapes.png is not a folder.',
    );
  });

  it('passes the root through dataset:read and dataset:locate-folder, checking payloads', async () => {
    const fs = fakeFs({ '/data/shapes/cat/1.png': CAT }, ['/mnt/shapes']);
    const datasets = datasetFileAccess(
      fs,
      async () => null,
      undefined,
      async () => '/mnt/shapes',
    );
    const text = projectLinkingFolder('/data/shapes');
    const services = {
      chooseOpenPath: async () => '/home/u/p.layerloom',
      readOpened: async () => ({ text, weights: null }),
      fileUsed: () => {},
      datasets,
    } as unknown as HostServices;
    const handlers = createChannelHandlers(services);
    await handleInvoke('project:open', true, undefined, handlers);
    const read = { path: 'cat/1.png', root: '/data/shapes' };
    await expect(handleInvoke('dataset:read', true, read, handlers)).resolves.toMatchObject({
      sha256: sha(CAT),
    });
    await expect(
      handleInvoke('dataset:locate-folder', true, { name: 'shapes', root: '/data/shapes' }, handlers),
    ).resolves.toEqual({ path: '/mnt/shapes' });
    await expect(handleInvoke('dataset:read', true, { ...read, root: 7 }, handlers)).rejects.toThrow(
      /invalid payload/,
    );
    await expect(handleInvoke('dataset:locate-folder', true, { name: 'shapes' }, handlers)).rejects.toThrow(
      /invalid payload/,
    );
    const without = createChannelHandlers({ ...services, datasets: undefined } as unknown as HostServices);
    await expect(without['dataset:locate-folder']({ name: 's', root: '/d' })).rejects.toThrow(
      /not available/,
    );
  });
});
