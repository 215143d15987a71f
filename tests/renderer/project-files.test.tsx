import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserFilesMode } from '../../renderer/host/browser-files';
import { useProjectFile } from '../../renderer/panels/use-project-file';
import { createAppStores } from '../../renderer/state/create-stores';
import type { ImportedData } from '../../renderer/state/dataset-store';
import { startingWeights } from '../../renderer/state/exchange-store';
import { StoresProvider } from '../../renderer/state/stores';
import { compilePlan } from '../../src/compiler/plan';
import { planHash } from '../../src/compiler/plan-hash';
import { packWeightSet, planWeights, type NamedTensor } from '../../src/compiler/tfjs-weights';
import type { Doc } from '../../src/graph/document';
import { parseRequest } from '../../src/ipc/channels';
import { serializeProject } from '../../src/project/serialize';
import { writeWeightsSidecar } from '../../src/project/weights-sidecar';
import { lenet } from './doc-fixtures';
import { fakeTrainer } from './render-app';

function setup(doc: Doc = lenet()) {
  const stores = createAppStores(doc, fakeTrainer());
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StoresProvider stores={stores}>{children}</StoresProvider>
  );
  const { result } = renderHook(() => useProjectFile(), { wrapper });
  return { stores, project: result.current };
}

/** The plan hash of a document and weights for it (values from a seeded sequence). */
function trained(doc: Doc): { hash: string; tensors: NamedTensor[] } {
  const plan = compilePlan(doc);
  if (!plan.ok) throw new Error('the fixture must compile');
  let x = 1;
  const tensors = planWeights(plan.value).map((w) => ({
    name: w.name,
    shape: w.shape,
    values: Float32Array.from(
      { length: w.shape.reduce((a, b) => a * b, 1) },
      () => (x = (x * 48271) % 2147483647) / 2147483647,
    ),
  }));
  return { hash: planHash(plan.value), tensors };
}

/** LeNet with a wider first dense layer: another network, so weights of the original do not fit. */
function widened(): Doc {
  const doc = lenet();
  const dense = doc.layers.find((l) => l.kind === 'dense')!;
  const units = Number(dense.params['units']);
  return {
    ...doc,
    layers: doc.layers.map((l) => (l === dense ? { ...l, params: { ...l.params, units: units + 1 } } : l)),
  };
}

function sidecarOf(hash: string, tensors: NamedTensor[]) {
  const { json, bin } = writeWeightsSidecar(hash, tensors, 'net.layerloom.weights.bin');
  return { json, bin: new Uint8Array(bin) };
}

/** A fake preload API: every channel present; saveProject and saveBundle record their payloads. */
function installElectron() {
  const saved: unknown[] = [];
  const bundles: { name: string; bytes: Uint8Array }[] = [];
  const none = async () => null;
  const off = () => () => {};
  const api = {
    openProject: none,
    saveProject: vi.fn(async (p: unknown) => (saved.push(p), { path: '/p/net.layerloom' })),
    saveBundle: vi.fn(
      async (p: { name: string; bytes: Uint8Array }) => (bundles.push(p), { path: `/p/${p.name}` }),
    ),
    openModel: none,
    appInfo: async () => ({ version: '1', platform: 'linux' }),
    writeBackup: none,
    readBackup: none,
    clearBackup: none,
    writeCheckpoint: none,
    readCheckpoint: none,
    clearCheckpoint: none,
    readDatasetFile: none,
    locateDatasetFile: none,
    locateDatasetFolder: none,
    beginSession: async () => ({ uncleanExit: false }),
    replyToClose: none,
    onMenuCommand: off,
    onProjectOpened: off,
    onWillClose: off,
  };
  (globalThis as { layerloom?: unknown }).layerloom = api;
  return { saved, bundles };
}

afterEach(() => {
  delete (globalThis as { layerloom?: unknown }).layerloom;
  delete (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  delete (globalThis as { showOpenFilePicker?: unknown }).showOpenFilePicker;
});

describe('trained weights with the project (desktop)', () => {
  it('loads a matching sidecar into the session: the next run starts from it', () => {
    const { stores, project } = setup(widened());
    const doc = lenet();
    const { hash, tensors } = trained(doc);
    const sidecar = sidecarOf(hash, tensors);
    project.openOpened({ path: '/p/net.layerloom', text: serializeProject(doc, '1'), weights: sidecar });
    expect(stores.document.getState().doc.layers).toEqual(doc.layers);
    expect(stores.session.getState().notice).toMatchObject({
      key: 'ui.notice.openedWithWeights',
      tone: 'info',
    });
    const imported = stores.exchange.getState().imported;
    expect(imported?.planHash).toBe(hash);
    expect(new Uint8Array(imported!.weights.data)).toEqual(sidecar.bin);
    expect(startingWeights(imported, hash).initialWeights).toBe(imported!.weights);
  });

  it('ignores weights made for another network with a clear notice, and unreadable ones too', () => {
    const { stores, project } = setup();
    const { hash, tensors } = trained(lenet());
    const changed = widened();
    project.openOpened({
      path: '/p/net.layerloom',
      text: serializeProject(changed, '1'),
      weights: sidecarOf(hash, tensors),
    });
    expect(stores.document.getState().doc.layers).toEqual(changed.layers);
    expect(stores.session.getState().notice).toMatchObject({ key: 'ui.notice.weightsStale', tone: 'error' });
    expect(stores.exchange.getState().imported).toBeNull();
    const sidecar = sidecarOf(hash, tensors);
    const truncated = { json: sidecar.json, bin: sidecar.bin.slice(0, 100) };
    project.openOpened({
      path: '/p/net.layerloom',
      text: serializeProject(lenet(), '1'),
      weights: truncated,
    });
    expect(stores.session.getState().notice).toMatchObject({
      key: 'ui.notice.weightsUnreadable',
      values: { message: expect.stringMatching(/runs past the end of 'net.layerloom.weights.bin'/) },
    });
    expect(stores.exchange.getState().imported).toBeNull();
  });

  it('saves the session weights beside the project while they fit the network, not after it changed', async () => {
    const { saved } = installElectron();
    const { stores, project } = setup();
    const { hash, tensors } = trained(lenet());
    stores.exchange.getState().setImported({ planHash: hash, weights: packWeightSet(tensors), file: 'x' });
    project.save();
    await waitFor(() => expect(saved).toHaveLength(1));
    const request = parseRequest('project:save', saved[0]);
    if (!request.ok) throw new Error(request.error.message);
    expect(request.value.weights?.planHash).toBe(hash);
    expect(request.value.weights?.specs.map((s) => s.name)).toEqual(tensors.map((t) => t.name));
    expect(request.value.weights?.bin).toEqual(new Uint8Array(packWeightSet(tensors).data));
    expect(stores.session.getState().notice).toMatchObject({ key: 'ui.notice.savedWithWeights' });
    stores.document.getState().load(widened());
    project.save();
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]).not.toHaveProperty('weights');
  });
});

describe('browser files', () => {
  it('uses the File System Access API unless the URL asks for downloads', () => {
    const pickers = { showOpenFilePicker: () => 0, showSaveFilePicker: () => 0 };
    expect(browserFilesMode({ ...pickers, location: { search: '' } })).toBe('picker');
    expect(browserFilesMode({ ...pickers, location: { search: '?files=download' } })).toBe('download');
    expect(browserFilesMode({ location: { search: '' } })).toBe('download');
  });

  it('asks where to save once, then saves over the same file; a closed picker changes nothing', async () => {
    const writes: string[] = [];
    const handle = {
      name: 'mine.layerloom',
      getFile: async () => new File([''], 'mine.layerloom'),
      createWritable: async () => ({
        write: async (b: Blob) => void writes.push(await b.text()),
        close: async () => {},
      }),
    };
    const picker = vi.fn(async () => handle);
    Object.assign(globalThis, { showSaveFilePicker: picker, showOpenFilePicker: vi.fn() });
    const { stores, project } = setup();
    project.save();
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(picker).toHaveBeenCalledWith(
      expect.objectContaining({ suggestedName: 'LeNet with batch normalization.layerloom' }),
    );
    expect(JSON.parse(writes[0]!).name).toBe('LeNet with batch normalization');
    expect(stores.session.getState().notice).toMatchObject({
      key: 'ui.notice.saved',
      values: { file: 'mine.layerloom' },
    });
    stores.document.getState().load(widened());
    project.save();
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(picker).toHaveBeenCalledTimes(1);

    const abort = vi.fn(async () => {
      throw new DOMException('closed', 'AbortError');
    });
    Object.assign(globalThis, { showSaveFilePicker: abort });
    const notice = stores.session.getState().notice;
    const before = stores.saved.getState().savedDoc;
    stores.document.getState().load(lenet());
    project.saveAs();
    await waitFor(() => expect(abort).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(stores.session.getState().notice).toBe(notice);
    expect(stores.saved.getState().savedDoc).toBe(before);
  });
});

describe('browser open picker', () => {
  it('opens the picked project and keeps its handle, so Save writes it in place; a refusal falls back to upload', async () => {
    const writes: string[] = [];
    const text = serializeProject({ ...lenet(), name: 'Picked net' }, '1');
    const handle = {
      name: 'picked.layerloom',
      getFile: async () => new File([text], 'picked.layerloom'),
      createWritable: async () => ({
        write: async (b: Blob) => void writes.push(await b.text()),
        close: async () => {},
      }),
    };
    const savePicker = vi.fn();
    Object.assign(globalThis, {
      showOpenFilePicker: vi.fn(async () => [handle]),
      showSaveFilePicker: savePicker,
    });
    const { stores, project } = setup();
    const fallback = vi.fn();
    expect(project.openWithPicker(fallback)).toBe(true);
    await waitFor(() => expect(stores.document.getState().doc.name).toBe('Picked net'));
    project.save();
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(savePicker).not.toHaveBeenCalled();
    expect(JSON.parse(writes[0]!).name).toBe('Picked net');
    expect(fallback).not.toHaveBeenCalled();

    Object.assign(globalThis, {
      showOpenFilePicker: vi.fn(async () => {
        throw new DOMException('no gesture', 'SecurityError');
      }),
    });
    expect(project.openWithPicker(fallback)).toBe(true);
    await waitFor(() => expect(fallback).toHaveBeenCalledTimes(1));
  });
});

describe('workshop bundles', () => {
  const image = (count: number) => ({
    count,
    inputShape: [28, 28, 1],
    classes: 10,
    pixels: Uint8Array.from({ length: count * 784 }, (_, i) => i % 251),
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  });
  const data: ImportedData = {
    hash: 'feed01',
    name: 'my digits',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    parts: { train: image(3), validation: image(0), test: image(2) },
  };
  const withImport = (): Doc => ({
    ...lenet(),
    dataset: {
      kind: 'imported',
      id: 'feed01',
      name: 'my digits',
      inputShape: [28, 28, 1],
      classes: 10,
      source: { format: 'idx', hash: 'feed01', files: [] },
    },
  });

  it('carries the project, its imported data and trained weights to another session', async () => {
    const { bundles } = installElectron();
    const doc = withImport();
    const { stores, project } = setup(doc);
    stores.datasets.getState().put(data);
    const { hash, tensors } = trained(doc);
    stores.exchange.getState().setImported({ planHash: hash, weights: packWeightSet(tensors), file: 'x' });
    project.exportBundle();
    await waitFor(() => expect(bundles).toHaveLength(1));
    expect(bundles[0]!.name).toBe('LeNet with batch normalization.layerloom-bundle');
    expect(stores.session.getState().notice).toMatchObject({ key: 'ui.bundle.savedWithWeights' });

    const other = setup(lenet());
    other.project.openBytes('b.layerloom-bundle', bundles[0]!.bytes);
    expect(other.stores.document.getState().doc.dataset).toEqual(doc.dataset);
    expect(other.stores.datasets.getState().byHash['feed01']).toEqual(data);
    expect(other.stores.exchange.getState().imported?.planHash).toBe(hash);
    expect(other.stores.session.getState().notice).toMatchObject({ key: 'ui.notice.openedWithWeights' });
  });

  it('says which data could not go in, and refuses a damaged bundle naming the section', async () => {
    const { bundles } = installElectron();
    const { stores, project } = setup(withImport());
    project.exportBundle();
    await waitFor(() => expect(bundles).toHaveLength(1));
    expect(stores.session.getState().notice).toMatchObject({
      key: 'ui.bundle.savedWithoutData',
      values: { names: 'my digits' },
    });
    const other = setup(lenet());
    const before = other.stores.document.getState().doc;
    const bytes = bundles[0]!.bytes;
    other.project.openBytes('b.layerloom-bundle', bytes.subarray(0, bytes.length - 5));
    expect(other.stores.session.getState().notice).toMatchObject({
      key: 'ui.bundle.refused',
      tone: 'error',
      values: { section: 'project.layerloom', message: expect.stringMatching(/truncated/) },
    });
    expect(other.stores.document.getState().doc).toBe(before);
  });
});
