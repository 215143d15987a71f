import { describe, expect, it } from 'vitest';
import type { DatasetRef, Doc } from '../../../src/graph/document';
import {
  checkLinkedFile,
  isSafeLinkedPath,
  LINK_THRESHOLD_BYTES,
  linkedFilesOf,
  linkedPaths,
  linkedPathsInProject,
  relinkFile,
  shouldLinkByPath,
  type LinkedFile,
} from '../../../src/project/linked-files';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { emptyDoc } from '../core/doc-helpers';

const SHA = 'a'.repeat(64);
const file: LinkedFile = { name: 'big.csv', path: '/data/big.csv', bytes: 30_000_000, sha256: SHA };

/** An imported reference whose source records these files, linked or stored. */
function imported(files: object[], storage?: 'linked' | 'cached'): Extract<DatasetRef, { kind: 'imported' }> {
  return {
    kind: 'imported',
    id: 'h1',
    name: 'big.csv',
    inputShape: [2],
    classes: 2,
    source: { format: 'csv', hash: 'h1', files: files as LinkedFile[], ...(storage && { storage }) },
  };
}

describe('linked dataset files', () => {
  it('links an import by path only when every file has a safe path and the total is over the threshold', () => {
    const half = LINK_THRESHOLD_BYTES / 2;
    expect(shouldLinkByPath([{ bytes: LINK_THRESHOLD_BYTES + 1, path: '/a.csv' }])).toBe(true);
    expect(shouldLinkByPath([{ bytes: LINK_THRESHOLD_BYTES, path: '/a.csv' }])).toBe(false);
    expect(shouldLinkByPath([{ bytes: LINK_THRESHOLD_BYTES + 1 }])).toBe(false);
    expect(
      shouldLinkByPath([
        { bytes: half, path: '/x/images.gz' },
        { bytes: half + 1, path: '/x/labels.gz' },
      ]),
    ).toBe(true);
    expect(
      shouldLinkByPath([
        { bytes: half, path: '/x/images.gz' },
        { bytes: half + 1, path: '' },
      ]),
    ).toBe(false);
    expect(shouldLinkByPath([{ bytes: 100, path: '/a.csv' }], 50)).toBe(true);
    expect(shouldLinkByPath([])).toBe(false);
  });

  it.each([
    ['/home/ana/data.csv', true],
    ['C:\\Users\\ana\\data.csv', true],
    ['D:/data/train.gz', true],
    ['relative/data.csv', false],
    ['/home/ana/../../etc/passwd', false],
    ['/home/./ana', false],
    ['/home//ana', false],
    ['/', false],
    ['\\\\server\\share\\x.csv', false],
    ['\\\\?\\C:\\x.csv', false],
    ['C:\\data\\..\\secret', false],
    ['/data/x\0.csv', false],
    ['', false],
  ])('path %j is safe: %s', (p, safe) => {
    expect(isSafeLinkedPath(p)).toBe(safe);
  });

  it('compares a linked file with what is on disk: missing, changed (hash or size), or the same', () => {
    expect(checkLinkedFile(file, null)).toEqual({ kind: 'missing', name: 'big.csv', path: '/data/big.csv' });
    expect(checkLinkedFile(file, { bytes: file.bytes, sha256: 'b'.repeat(64) })).toMatchObject({
      kind: 'changed',
      name: 'big.csv',
    });
    expect(checkLinkedFile(file, { bytes: file.bytes + 1, sha256: SHA })).toMatchObject({ kind: 'changed' });
    expect(checkLinkedFile(file, { bytes: file.bytes, sha256: SHA.toUpperCase() })).toEqual({ kind: 'ok' });
  });

  it('finds the linked paths of a document and its runs, skipping stored imports and unsafe paths', () => {
    const doc: Doc = { ...emptyDoc(), dataset: imported([file], 'linked') };
    expect(linkedPaths(doc)).toEqual(['/data/big.csv']);
    expect(linkedPaths({ ...doc, dataset: imported([file], 'cached') })).toEqual([]);
    expect(linkedPaths({ ...doc, dataset: imported([file]) })).toEqual([]);
    const sneaky = { ...file, path: '/data/../etc/passwd' };
    expect(linkedFilesOf(imported([file, sneaky, { name: 'n', bytes: 1 }], 'linked').source)).toEqual([file]);
  });

  it('reads the linked paths from a saved project, which keeps the hashes and settings', () => {
    const ref = imported([file], 'linked');
    if (ref.kind !== 'imported' || !ref.source) throw new Error('fixture');
    const doc: Doc = { ...emptyDoc(), dataset: { ...ref, source: { ...ref.source, settings: '{"x":1}' } } };
    const text = serializeProject(doc, '0.1.0');
    expect(linkedPathsInProject(text)).toEqual(['/data/big.csv']);
    const back = parseProject(text);
    expect(back.ok && back.value.doc.dataset).toMatchObject({
      source: { storage: 'linked', settings: '{"x":1}', files: [file] },
    });
    expect(linkedPathsInProject('{ not json')).toEqual([]);
    // A hash that is not 64 hex digits does not load.
    const bad = text.replace(SHA, 'z'.repeat(64));
    expect(parseProject(bad).ok).toBe(false);
  });

  it('moves one file to a located path and leaves the others', () => {
    const other = { ...file, name: 'labels.gz', path: '/data/labels.gz' };
    const ref = imported([file, other], 'linked');
    if (ref.kind !== 'imported' || !ref.source) throw new Error('fixture');
    const moved = relinkFile(ref.source, '/data/big.csv', '/new/big.csv');
    expect(moved.files.map((f) => f.path)).toEqual(['/new/big.csv', '/data/labels.gz']);
    expect(ref.source.files[0]!.path).toBe('/data/big.csv');
  });
});
