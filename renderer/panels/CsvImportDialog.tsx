import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CSV_SETTINGS, prepareCsvImport, type CsvImportSettings } from '../../src/data/csv-import';
import { setDataset } from '../../src/graph/commands';
import type { DatasetRef } from '../../src/graph/document';
import { combinedHash } from '../../src/util/hash';
import { platformDatasetCache } from '../host/dataset-cache';
import type { ImportedData } from '../state/dataset-store';
import { importSource } from '../state/linked-import';
import { useStores } from '../state/stores';
import { CsvColumnTypes, CsvReadSettings } from './CsvSettingsForm';
import { ImportDialogShell } from './ImportDialogShell';
import { ClassBalance, PartsLine, PreviewTable, SplitFields } from './ImportParts';

/** A picked file's name, text and size (and its path, where the host knows one). */
export interface PickedText {
  name: string;
  text: string;
  bytes: number;
  path?: string | undefined;
  /** The file's SHA-256, when its import will be linked by path (a large file on the desktop). */
  sha256?: string | undefined;
}

/** Binds the document to a prepared import and keeps its data (in memory and in the cache). */
export function useBindImport() {
  const stores = useStores();
  return (data: ImportedData, ref: DatasetRef): void => {
    stores.datasets.getState().put(data);
    // A failed store only costs a re-import next session; training now does not depend on it.
    // A linked import is not stored: the project reads its files again from their paths.
    if (ref.kind !== 'imported' || ref.source?.storage !== 'linked')
      void platformDatasetCache()
        ?.put(data)
        .catch(() => undefined);
    stores.document.getState().apply((d) => setDataset(d, ref));
  };
}

/**
 * The CSV import dialog: how the file is read, column types, the split, a preview table,
 * the class balance and the first problem (naming its line and column). Import binds the
 * project to the prepared set.
 */
export function CsvImportDialog({ file, onClose }: { file: PickedText; onClose(): void }) {
  const { t } = useTranslation();
  const bind = useBindImport();
  const [settings, setSettings] = useState<CsvImportSettings>(DEFAULT_CSV_SETTINGS);
  const result = useMemo(() => prepareCsvImport(file.text, file.name, settings), [file, settings]);
  const preview = result.ok ? result.value : null;
  const change = (patch: Partial<CsvImportSettings>): void => setSettings((s) => ({ ...s, ...patch }));
  const doImport = (): void => {
    if (!preview?.parts) return;
    const ds = preview.table.dataset;
    const hash = combinedHash([file.text, JSON.stringify(settings)]);
    const data: ImportedData = { hash, name: file.name, classNames: ds.classNames, parts: preview.parts };
    bind(data, {
      kind: 'imported',
      id: hash,
      name: file.name,
      inputShape: [...ds.inputShape],
      classes: ds.classes,
      task: ds.task,
      source: importSource('csv', hash, [file], settings),
    });
  };
  const warnings = preview?.table.warnings ?? [];
  return (
    <ImportDialogShell
      title={t('ui.csvImport.title', { file: file.name })}
      canImport={Boolean(preview?.parts)}
      onImport={doImport}
      onClose={onClose}
    >
      <div className="import-dialog__body">
        <div className="import-dialog__side">
          <CsvReadSettings settings={settings} preview={preview} onChange={change} />
          <SplitFields split={settings.split} onChange={(split) => change({ split })} />
          <CsvColumnTypes settings={settings} preview={preview} onChange={change} />
        </div>
        <div className="import-dialog__main">
          {!result.ok && (
            <p role="alert" className="import-dialog__problem">
              {t('ui.csvImport.problem', { message: result.error.message })}
            </p>
          )}
          {preview && (
            <>
              <PreviewTable
                rows={preview.head}
                header={preview.table.header}
                caption={t('ui.csvImport.preview', { file: file.name })}
              />
              {warnings.length > 0 && (
                <p className="import-dialog__warning">
                  {t('ui.csvImport.dropped', { count: warnings.length, message: warnings[0]!.message })}
                </p>
              )}
              {preview.balance && (
                <ClassBalance names={preview.table.dataset.classNames} counts={preview.balance} />
              )}
              {preview.parts && <PartsLine parts={preview.parts} />}
              {preview.partsProblem && (
                <p role="alert" className="import-dialog__problem">
                  {t('ui.csvImport.cannotTrain', { message: preview.partsProblem })}
                </p>
              )}
            </>
          )}
        </div>
      </div>
    </ImportDialogShell>
  );
}
