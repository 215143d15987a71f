import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { datasetFileAccess, type DatasetFs } from '../../../electron/main/dataset-files';
import { createChannelHandlers, handleInvoke, type HostServices } from '../../../electron/main/ipc-handlers';
import type { Doc } from '../../../src/graph/document';
import { serializeProject } from '../../../src/project/serialize';
import { emptyDoc } from '../core/doc-helpers';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const BIG = new TextEncoder().encode('x,y,label\n1,2,a\n');
const SECRET = new TextEncoder().encode('root:x:0:0');

/** A fake file system of plain files (and one folder) that counts reads. */
function fakeFs(files: Record<string, Uint8Array>, folders: string[] = []): DatasetFs & { reads: string[] } {
  const reads: string[] = [];
  const missing = (): never => {
    throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
  };
  return {
    reads,
    stat: async (file) => {
      if (folders.includes(file)) return { size: 0, isFile: () => false };
      const bytes = files[file] ?? missing();
      return { size: bytes.byteLength, isFile: () => true };
    },
    readFile: async (file) => {
      reads.push(file);
      return files[file] ?? missing();
    },
  };
}

/** A project text whose dataset links these paths. */
function projectLinking(paths: string[]): string {
  const doc: Doc = {
    ...emptyDoc(),
    dataset: {
      kind: 'imported',
      id: 'h',
      name: 'big.csv',
      inputShape: [2],
      classes: 2,
      source: {
        format: 'csv',
        hash: 'h',
        storage: 'linked',
        files: paths.map((path) => ({ name: 'big.csv', path, bytes: BIG.byteLength, sha256: sha(BIG) })),
      },
    },
  };
  return serializeProject(doc, '0.1.0');
}

describe('linked dataset files in the main process', () => {
  it('reads only the paths an opened project records, with their SHA-256', async () => {
    const fs = fakeFs({ '/data/big.csv': BIG, '/etc/passwd': SECRET });
    const access = datasetFileAccess(fs, async () => null);
    await expect(access.read('/data/big.csv')).rejects.toThrow(/not a dataset file of an opened project/);
    access.allowProject(projectLinking(['/data/big.csv', '/data/../etc/passwd']));
    const read = await access.read('/data/big.csv');
    expect(read?.sha256).toBe(sha(BIG));
    expect([...read!.bytes]).toEqual([...BIG]);
    // Traversal tricks and unrecorded files are refused before the file system is touched.
    for (const p of [
      '/data/../etc/passwd',
      '/etc/passwd',
      '/data/./big.csv',
      '/data//big.csv',
      'data/big.csv',
    ])
      await expect(access.read(p)).rejects.toThrow(/not a dataset file/);
    expect(fs.reads).toEqual(['/data/big.csv']);
  });

  it('answers null for a recorded file that is gone, and refuses folders and files over the limit', async () => {
    const fs = fakeFs({ '/data/big.csv': BIG }, ['/data/folder']);
    const access = datasetFileAccess(fs, async () => null, 8);
    access.allowProject(projectLinking(['/data/gone.csv', '/data/folder', '/data/big.csv']));
    await expect(access.read('/data/gone.csv')).resolves.toBeNull();
    await expect(access.read('/data/folder')).rejects.toThrow('folder is not a file.');
    await expect(access.read('/data/big.csv')).rejects.toThrow(/big.csv is too large/);
  });

  it('allows a located file from then on, and nothing when the dialog is cancelled', async () => {
    const fs = fakeFs({ '/moved/big.csv': BIG });
    const choose = vi.fn(async (name: string) => (name === 'big.csv' ? '/moved/sub/../big.csv' : null));
    const access = datasetFileAccess(fs, choose);
    await expect(access.locate('other.csv')).resolves.toBeNull();
    await expect(access.read('/moved/big.csv')).rejects.toThrow(/not a dataset file/);
    const located = await access.locate('big.csv');
    expect(located).toMatchObject({ path: '/moved/big.csv', sha256: sha(BIG) });
    await expect(access.read('/moved/big.csv')).resolves.toMatchObject({ sha256: sha(BIG) });
  });

  it('allows the links of a project opened through project:open, and checks payloads', async () => {
    const fs = fakeFs({ '/data/big.csv': BIG });
    const datasets = datasetFileAccess(fs, async () => null);
    const text = projectLinking(['/data/big.csv']);
    const services = {
      chooseOpenPath: async () => '/home/u/p.layerloom',
      readOpened: async () => ({ text, weights: null }),
      fileUsed: () => {},
      datasets,
    } as unknown as HostServices;
    const handlers = createChannelHandlers(services);
    await expect(handleInvoke('dataset:read', true, { path: '/data/big.csv' }, handlers)).rejects.toThrow(
      /not a dataset file/,
    );
    await handleInvoke('project:open', true, undefined, handlers);
    await expect(
      handleInvoke('dataset:read', true, { path: '/data/big.csv' }, handlers),
    ).resolves.toMatchObject({
      sha256: sha(BIG),
    });
    await expect(handleInvoke('dataset:read', true, { path: 42 }, handlers)).rejects.toThrow(
      /invalid payload/,
    );
    await expect(handleInvoke('dataset:read', false, { path: '/data/big.csv' }, handlers)).rejects.toThrow(
      /untrusted sender/,
    );
    const without = createChannelHandlers({ ...services, datasets: undefined } as unknown as HostServices);
    await expect(without['dataset:read']({ path: '/data/big.csv' })).rejects.toThrow(/not available/);
  });
});
