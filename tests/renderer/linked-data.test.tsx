import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { importSource, restoreLinked, sha256Hex } from '../../renderer/state/linked-import';
import { DEFAULT_CSV_SETTINGS, prepareCsvImport } from '../../src/data/csv-import';
import type { DatasetRef, Doc } from '../../src/graph/document';
import { LINK_THRESHOLD_BYTES } from '../../src/project/linked-files';
import { chain } from '../unit/core/doc-helpers';
import { renderInApp } from './render-app';

afterEach(() => {
  cleanup();
  delete (globalThis as { layerloom?: unknown }).layerloom;
});

const CSV = new Uint8Array(readFileSync(path.resolve(process.cwd(), 'tests/fixtures/datasets/points.csv')));
const OTHER = new TextEncoder().encode('a,b\n1,x\n2,y\n');
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const settings = { ...DEFAULT_CSV_SETTINGS, columnTypes: { colour: 'ignore' as const } };

/** A CSV import linked to `path`, recorded as it was (size, hash, settings). */
function linkedRef(
  path = '/old/points.csv',
  text = JSON.stringify(settings),
): Extract<DatasetRef, { kind: 'imported' }> {
  return {
    kind: 'imported',
    id: 'k1',
    name: 'points.csv',
    inputShape: [2],
    classes: 3,
    task: 'classification',
    source: {
      format: 'csv',
      hash: 'k1',
      storage: 'linked',
      settings: text,
      files: [{ name: 'points.csv', path, bytes: CSV.byteLength, sha256: sha(CSV) }],
    },
  };
}

describe('linked imports (large files saved by path)', () => {
  it('hashes with Web Crypto as Node does', async () => {
    expect(await sha256Hex(CSV)).toBe(sha(CSV));
  });

  it('links only files over the threshold that have paths and hashes; the rest stay stored copies', () => {
    const big = { name: 'big.csv', bytes: LINK_THRESHOLD_BYTES + 1, path: '/d/big.csv', sha256: sha(CSV) };
    expect(importSource('csv', 'h', [big], settings)).toEqual({
      format: 'csv',
      hash: 'h',
      storage: 'linked',
      settings: JSON.stringify(settings),
      files: [big],
    });
    const small = { ...big, bytes: 10 };
    expect(importSource('csv', 'h', [small], settings)).toEqual({
      format: 'csv',
      hash: 'h',
      files: [{ name: 'big.csv', bytes: 10, path: '/d/big.csv' }],
    });
    const { sha256: _, ...unhashed } = big;
    expect(importSource('csv', 'h', [unhashed], settings).storage).toBeUndefined();
  });

  it('prepares the data again from the files, as the import did; names a file that is gone or changed', async () => {
    const ref = linkedRef();
    const read = vi.fn(async () => ({ bytes: CSV, sha256: sha(CSV) }));
    const r = await restoreLinked(ref, read);
    expect(read).toHaveBeenCalledWith(ref.source!.files[0]);
    const direct = prepareCsvImport(new TextDecoder().decode(CSV), 'points.csv', settings);
    if (r.kind !== 'ready' || !direct.ok) throw new Error(`not ready: ${JSON.stringify(r)}`);
    expect(r.data.hash).toBe('k1');
    expect(r.data.parts.train.count).toBe(direct.value.parts!.train.count);
    expect(r.data.parts.train.inputShape).toEqual([2]);
    expect(await restoreLinked(ref, async () => null)).toEqual({
      kind: 'problems',
      problems: [{ kind: 'missing', name: 'points.csv', path: '/old/points.csv' }],
    });
    const changed = await restoreLinked(ref, async () => ({ bytes: OTHER, sha256: sha(OTHER) }));
    expect(changed).toMatchObject({ problems: [{ kind: 'changed', name: 'points.csv' }] });
    const failing = await restoreLinked(ref, async () => Promise.reject(new Error('EACCES')));
    expect(failing).toMatchObject({ problems: [{ kind: 'missing' }] });
    const bad = await restoreLinked(linkedRef('/old/points.csv', '{"delimiter":"?"}'), read);
    expect(bad).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^settings\.delimiter/) });
  });

  it('shows a notice naming the missing file, locates it again and trains on it; the project stays usable', async () => {
    const files = new Map<string, Uint8Array>([['/new/points.csv', CSV]]);
    const api = installApi(files, { path: '/new/points.csv', bytes: CSV, sha256: sha(CSV) });
    const doc: Doc = {
      ...chain([['input', { layout: 'vector', size: 2 }], ['dense', { units: 3 }], ['output']]),
      dataset: linkedRef(),
    };
    const { stores } = renderInApp(<TrainingPanel />, doc);
    const region = screen.getByRole('region', { name: 'Training' });
    const notice = await within(region).findByRole('status', { name: 'points.csv' });
    expect(notice.textContent).toContain(
      "The file 'points.csv' of 'points.csv' is no longer at /old/points.csv",
    );
    expect(api.readDatasetFile).toHaveBeenCalledWith({ path: '/old/points.csv' });
    // The rest of the project works: the settings can still be edited.
    expect(within(region).getByLabelText('Epochs')).toBeTruthy();
    await act(async () =>
      fireEvent.click(within(notice).getByRole('button', { name: 'Locate points.csv…' })),
    );
    expect(api.locateDatasetFile).toHaveBeenCalledWith({ name: 'points.csv' });
    await waitFor(() => expect(stores.datasets.getState().byHash['k1']).toBeDefined());
    const ref = stores.document.getState().doc.dataset;
    expect(ref.kind === 'imported' && ref.source?.files[0]?.path).toBe('/new/points.csv');
    expect(within(region).queryByRole('status', { name: 'points.csv' })).toBeNull();
  });

  it('refuses a located file that is not the imported one, and keeps the notice', async () => {
    const api = installApi(new Map(), { path: '/new/other.csv', bytes: OTHER, sha256: sha(OTHER) });
    const doc: Doc = {
      ...chain([['input', { layout: 'vector', size: 2 }], ['output']]),
      dataset: linkedRef(),
    };
    const { stores } = renderInApp(<TrainingPanel />, doc);
    const notice = await screen.findByRole('status', { name: 'points.csv' });
    await act(async () => fireEvent.click(within(notice).getByRole('button', { name: /Locate points.csv/ })));
    expect(api.locateDatasetFile).toHaveBeenCalled();
    expect(within(notice).getByRole('alert').textContent).toContain(
      "is not the 'points.csv' that was imported",
    );
    expect(stores.document.getState().doc.dataset).toEqual(linkedRef());
  });
});

/** A fake preload API: every channel present; the dataset channels read from `files` and answer `located`. */
function installApi(
  files: Map<string, Uint8Array>,
  located: { path: string; bytes: Uint8Array; sha256: string },
) {
  const none = async () => null;
  const off = () => () => {};
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
    readDatasetFile: vi.fn(async ({ path }: { path: string }) => {
      const bytes = files.get(path);
      return bytes ? { bytes, sha256: sha(bytes) } : null;
    }),
    locateDatasetFile: vi.fn(async () => located),
    locateDatasetFolder: vi.fn(async () => null),
    onMenuCommand: off,
    onProjectOpened: off,
    onWillClose: off,
  };
  (globalThis as { layerloom?: unknown }).layerloom = api;
  return api;
}
