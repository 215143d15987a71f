import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetRef } from '../../src/graph/document';
import { isLinkedImport, shouldLinkByPath } from '../../src/project/linked-files';
import { platformDatasetCache } from '../host/dataset-cache';
import { electronApi } from '../host/electron-api';
import { sha256Hex } from '../state/linked-import';
import { useDatasets, useStores } from '../state/stores';
import { CsvImportDialog, type PickedText } from './CsvImportDialog';
import { IdxImportDialog, type PickedBinary } from './IdxImportDialog';
import { ImageFolderDialog } from './ImageFolderDialog';
import { LinkedDataStatus } from './LinkedDataStatus';

/**
 * The path of a picked file where the host exposes one (the desktop app's preload, through
 * Electron's webUtils; older shells put it on the File itself), else undefined.
 */
export const pathOf = (f: File): string | undefined => {
  const p = electronApi()?.pathForFile?.(f) || (f as File & { path?: unknown }).path;
  return typeof p === 'string' && p !== '' ? p : undefined;
};

/** The hash that keys an imported set's prepared data. */
export const importKey = (ref: Extract<DatasetRef, { kind: 'imported' }>): string =>
  ref.source?.hash ?? ref.id;

/**
 * The state of an imported set's data when this session has not imported it: read again
 * from its files for a linked import (large files on the desktop), else the stored copy.
 */
export function ImportedStatus({ dataset }: { dataset: Extract<DatasetRef, { kind: 'imported' }> }) {
  return isLinkedImport(dataset) ? (
    <LinkedDataStatus dataset={dataset} />
  ) : (
    <StoredDataStatus dataset={dataset} />
  );
}

/**
 * Loads an imported set's stored data when the project names one that this session has
 * not imported; says so when there is none.
 */
function StoredDataStatus({ dataset }: { dataset: Extract<DatasetRef, { kind: 'imported' }> }) {
  const { t } = useTranslation();
  const stores = useStores();
  const key = importKey(dataset);
  const present = useDatasets((s) => key in s.byHash);
  const [looked, setLooked] = useState<string | null>(null);
  useEffect(() => {
    if (present) return;
    let live = true;
    const cache = platformDatasetCache();
    const found = cache ? cache.get(key).catch(() => null) : Promise.resolve(null);
    void found.then((d) => {
      if (d) stores.datasets.getState().put(d);
      if (live) setLooked(key);
    });
    return () => void (live = false);
  }, [key, present, stores]);
  if (present) return null;
  return (
    <p className="dataset-panel__problem" role="status">
      {looked === key
        ? t('ui.datasetPanel.missingData', { name: dataset.name })
        : t('ui.datasetPanel.restoring', { name: dataset.name })}
    </p>
  );
}

/** A hidden file input opened by a visible button (the input carries the accessible name for tests and screen readers). */
function PickButton(p: {
  label: string;
  inputLabel: string;
  disabled: boolean;
  accept?: string;
  multiple?: boolean;
  directory?: boolean;
  onFiles(files: File[]): void;
}) {
  const input = useRef<HTMLInputElement>(null);
  // React passes unknown lowercase attributes through; this one asks for a folder.
  const folder = p.directory ? { webkitdirectory: '' } : {};
  return (
    <>
      <button type="button" className="button" disabled={p.disabled} onClick={() => input.current?.click()}>
        {p.label}
      </button>
      <input
        ref={input}
        className="dataset-panel__file"
        type="file"
        accept={p.accept}
        multiple={p.multiple}
        aria-label={p.inputLabel}
        {...folder}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) p.onFiles(files);
        }}
      />
    </>
  );
}

/** Reads picked files' bytes (for IDX), with their hashes when the import will be linked by path. */
async function readBinary(files: File[]): Promise<PickedBinary[]> {
  const picked = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), path: pathOf(f) })),
  );
  const linked = shouldLinkByPath(picked.map((p) => ({ bytes: p.bytes.length, path: p.path })));
  return Promise.all(
    picked.map(async (p) => ({ ...p, ...(linked && { sha256: await sha256Hex(p.bytes) }) })),
  );
}

/** Reads a picked CSV file's text, with its hash when the import will be linked by path. */
async function readCsv(f: File): Promise<PickedText> {
  const path = pathOf(f);
  if (!shouldLinkByPath([{ bytes: f.size, path }]))
    return { name: f.name, text: await f.text(), bytes: f.size, path };
  const bytes = new Uint8Array(await f.arrayBuffer());
  // Decoded as File.text() does (UTF-8, byte-order mark dropped), so a re-read gives the same text.
  return {
    name: f.name,
    text: new TextDecoder().decode(bytes),
    bytes: f.size,
    path,
    sha256: await sha256Hex(bytes),
  };
}

/** "Import CSV…", "Import image folder…", "Import IDX files…": each picks files, then opens its dialog. */
export function DatasetImportButtons({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<PickedText | null>(null);
  const [folder, setFolder] = useState<File[] | null>(null);
  const [idx, setIdx] = useState<PickedBinary[] | null>(null);
  const onCsv = ([f]: File[]): void => {
    if (f) void readCsv(f).then(setCsv);
  };
  return (
    <div className="dataset-panel__import">
      <PickButton
        label={t('ui.datasetPanel.importCsv')}
        inputLabel={t('ui.datasetPanel.importCsvFile')}
        disabled={disabled}
        accept=".csv,.tsv,.txt,text/csv"
        onFiles={onCsv}
      />
      <PickButton
        label={t('ui.datasetPanel.importFolder')}
        inputLabel={t('ui.datasetPanel.importFolderFiles')}
        disabled={disabled}
        directory
        onFiles={setFolder}
      />
      <PickButton
        label={t('ui.datasetPanel.importIdx')}
        inputLabel={t('ui.datasetPanel.importIdxFiles')}
        disabled={disabled}
        multiple
        onFiles={(files) => void readBinary(files).then(setIdx)}
      />
      {csv && <CsvImportDialog file={csv} onClose={() => setCsv(null)} />}
      {folder && <ImageFolderDialog files={folder} onClose={() => setFolder(null)} />}
      {idx && <IdxImportDialog files={idx} onClose={() => setIdx(null)} />}
    </div>
  );
}
