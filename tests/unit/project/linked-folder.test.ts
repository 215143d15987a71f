import { describe, expect, it } from 'vitest';
import type { DatasetRef, Doc, ImportSource } from '../../../src/graph/document';
import {
  checkLinkedFolder,
  folderFilePath,
  folderManifest,
  folderRootOf,
  isSafeFolderEntry,
  linkedFolderOf,
  linkedFolders,
  linkedFoldersInProject,
  relinkFolder,
} from '../../../src/project/linked-folder';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { emptyDoc } from '../core/doc-helpers';

const H = (c: string): string => c.repeat(64);

/** A linked image folder source under `root` with these files. */
function folderSource(root = '/data/shapes', files = ['cat/1.png', 'dog/2.png']): ImportSource {
  return {
    format: 'image-folder',
    hash: 'k',
    storage: 'linked',
    settings: '{}',
    root,
    filesSha256: H('a'),
    files: files.map((name, i) => ({ name, bytes: 10 + i })),
  };
}

const ref = (source: ImportSource): Extract<DatasetRef, { kind: 'imported' }> => ({
  kind: 'imported',
  id: 'k',
  name: 'shapes',
  inputShape: [8, 8, 1],
  classes: 2,
  task: 'classification',
  source,
});

describe('linked image folders (the record)', () => {
  it('accepts only plain paths under the root: a class folder and a file, no climbing out', () => {
    for (const ok of ['cat/1.png', 'cat/sub/1.png', 'a b/ü.jpg']) expect(isSafeFolderEntry(ok)).toBe(true);
    for (const bad of [
      '1.png',
      '../x/1.png',
      'cat/../../etc/passwd',
      'cat//1.png',
      './cat/1.png',
      'cat\\1.png',
      'C:/x/1.png',
      '/cat/1.png',
      '',
    ])
      expect(isSafeFolderEntry(bad), bad).toBe(false);
  });

  it('reads the record back, and refuses an unsafe or incomplete one as a whole', () => {
    expect(linkedFolderOf(folderSource())).toEqual({
      root: '/data/shapes',
      sha256: H('a'),
      files: [
        { path: 'cat/1.png', bytes: 10 },
        { path: 'dog/2.png', bytes: 11 },
      ],
    });
    expect(linkedFolderOf(folderSource('relative/shapes'))).toBeNull();
    expect(linkedFolderOf(folderSource('/data/../shapes'))).toBeNull();
    expect(linkedFolderOf(folderSource('/data/shapes', ['cat/1.png', '../../etc/passwd']))).toBeNull();
    expect(linkedFolderOf({ ...folderSource(), storage: undefined })).toBeNull();
    expect(linkedFolderOf({ ...folderSource(), filesSha256: undefined })).toBeNull();
    expect(linkedFolderOf({ ...folderSource(), format: 'csv' })).toBeNull();
  });

  it('survives a save and a load, and lists each root with its files once (dataset and runs)', () => {
    const doc: Doc = { ...emptyDoc(), dataset: ref(folderSource()) };
    const text = serializeProject(doc, '0.1.0');
    const loaded = parseProject(text);
    if (!loaded.ok) throw new Error('did not load');
    expect(loaded.value.doc.dataset).toEqual(doc.dataset);
    expect(linkedFoldersInProject(text)).toEqual([
      { root: '/data/shapes', files: ['cat/1.png', 'dog/2.png'] },
    ]);
    expect(linkedFolders({ dataset: ref(folderSource()), runs: [] })).toHaveLength(1);
    expect(linkedFoldersInProject('{ nope')).toEqual([]);
  });

  it('moves the root when the folder is located again, keeping the files', () => {
    const moved = relinkFolder(folderSource(), '/mnt/shapes');
    expect(linkedFolderOf(moved)?.root).toBe('/mnt/shapes');
    expect(moved.files).toEqual(folderSource().files);
  });
});

describe('linked image folders (the hash check)', () => {
  const a = { path: 'cat/1.png', bytes: 10, sha256: H('1') };
  const b = { path: 'dog/2.png', bytes: 11, sha256: H('2') };

  it('builds one manifest whatever the order, which a moved, resized or edited file changes', () => {
    expect(folderManifest([b, a])).toBe(folderManifest([a, b]));
    expect(folderManifest([a, b])).toBe(`["cat/1.png",10,"${H('1')}"]\n["dog/2.png",11,"${H('2')}"]\n`);
    expect(folderManifest([{ ...a, path: 'dog/1.png' }, b])).not.toBe(folderManifest([a, b]));
    expect(folderManifest([{ ...a, sha256: H('3') }, b])).not.toBe(folderManifest([a, b]));
  });

  it('names files gone or resized, the folder when all are gone or the combined hash differs', () => {
    const folder = linkedFolderOf(folderSource())!;
    const f = (bytes: number) => ({ bytes, sha256: H('0') });
    expect(checkLinkedFolder(folder, 'shapes', [f(10), f(11)], H('a'))).toEqual([]);
    expect(checkLinkedFolder(folder, 'shapes', [null, null], '')).toEqual([
      { kind: 'missing', name: 'shapes', path: '/data/shapes' },
    ]);
    expect(checkLinkedFolder(folder, 'shapes', [null, f(12)], '')).toEqual([
      { kind: 'missing', name: 'cat/1.png', path: '/data/shapes/cat/1.png' },
      { kind: 'changed', name: 'dog/2.png', path: '/data/shapes/dog/2.png' },
    ]);
    expect(checkLinkedFolder(folder, 'shapes', [f(10), f(11)], H('b'))).toEqual([
      { kind: 'changed', name: 'shapes', path: '/data/shapes' },
    ]);
  });

  it('finds the picked folder from a file path and its relative path, on POSIX and Windows', () => {
    expect(folderRootOf('/home/u/shapes/cat/1.png', 'shapes/cat/1.png')).toBe('/home/u/shapes');
    expect(folderRootOf('C:\\Users\\u\\shapes\\cat\\1.png', 'shapes/cat/1.png')).toBe('C:\\Users\\u\\shapes');
    expect(folderRootOf('/home/u/other/cat/1.png', 'shapes/cat/1.png')).toBeNull();
    expect(folderRootOf('/home/u/shapes/xcat/1.png', 'shapes/cat/1.png')).toBeNull();
    expect(folderRootOf('/shapes/1.png', 'shapes')).toBeNull();
    expect(folderFilePath('C:\\d\\shapes', 'cat/1.png')).toBe('C:\\d\\shapes\\cat\\1.png');
  });
});
