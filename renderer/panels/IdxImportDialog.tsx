import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readIdxPair, type NamedBytes } from '../../src/data/idx-import';
import { DEFAULT_IMPORT_SPLIT, divideImport, type ImportSplit } from '../../src/data/imported';
import { combinedHash } from '../../src/util/hash';
import { importSource } from '../state/linked-import';
import { useBindImport } from './CsvImportDialog';
import { ImageImportBody } from './ImageImportBody';
import { ImportDialogShell } from './ImportDialogShell';

/** Picked IDX files: names, bytes, sizes and paths where the host gives them. */
export interface PickedBinary extends NamedBytes {
  path?: string | undefined;
  /** The file's SHA-256, when the import will be linked by path (large files on the desktop). */
  sha256?: string | undefined;
}

/** The IDX import: the images and labels pair (gzipped or not), an example grid, the balance, the split. */
export function IdxImportDialog({ files, onClose }: { files: readonly PickedBinary[]; onClose(): void }) {
  const { t } = useTranslation();
  const bind = useBindImport();
  const [split, setSplit] = useState<ImportSplit>(DEFAULT_IMPORT_SPLIT);
  const read = useMemo(() => readIdxPair(files), [files]);
  const parts = useMemo(() => (read.ok ? divideImport(read.value, split) : null), [read, split]);
  const names = files.map((f) => f.name).join(', ');
  const classNames = read.ok ? Array.from({ length: read.value.classes }, (_, c) => String(c)) : [];
  const problem = read.ok
    ? parts && !parts.ok
      ? parts.error
      : null
    : `${read.error.file}: ${read.error.message}`;
  const doImport = (): void => {
    if (!read.ok || !parts?.ok) return;
    const ds = read.value;
    const hash = combinedHash([...files.map((f) => f.bytes), JSON.stringify(split)]);
    const name =
      files
        .map((f) => f.name)
        .sort()[0]!
        .replace(/-(images|labels)-idx\d-ubyte(\.gz)?$/, '') || 'IDX';
    bind(
      { hash, name, classNames, parts: parts.value },
      {
        kind: 'imported',
        id: hash,
        name,
        inputShape: [...ds.inputShape],
        classes: ds.classes,
        task: 'classification',
        source: importSource(
          'idx',
          hash,
          files.map((f) => ({ name: f.name, bytes: f.bytes.length, path: f.path, sha256: f.sha256 })),
          split,
        ),
      },
    );
  };
  return (
    <ImportDialogShell
      title={t('ui.imageImport.idxTitle', { files: names })}
      canImport={!!parts?.ok}
      onImport={doImport}
      onClose={onClose}
    >
      <ImageImportBody
        dataset={read.ok ? read.value : null}
        classNames={classNames}
        problems={[]}
        parts={parts?.ok ? parts.value : null}
        partsProblem={problem}
        split={split}
        onSplit={setSplit}
        status={null}
      />
    </ImportDialogShell>
  );
}
