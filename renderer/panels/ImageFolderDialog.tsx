import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDataset } from '../../src/data/dataset';
import { assembleImages, planFolder, type FileProblem } from '../../src/data/image-folder';
import { DEFAULT_IMPORT_SPLIT, divideImport, type ImportSplit } from '../../src/data/imported';
import { combinedHash } from '../../src/util/hash';
import { folderImportSource, linkFolder } from '../state/linked-folder';
import { CommitField } from './CommitField';
import { useBindImport } from './CsvImportDialog';
import { pathOf } from './DatasetImport';
import { parseNumber } from './field-parsing';
import { ImageImportBody } from './ImageImportBody';
import { decodeAll } from './image-decode';
import { ImportDialogShell } from './ImportDialogShell';

/** The picked folder's relative path of a file ("folder/class/name.png"). */
const relativePath = (f: File): string => f.webkitRelativePath || f.name;

interface Decoded {
  dataset: ImageDataset;
  problems: FileProblem[];
}

/** Decodes the folder's images at a size and colour; null while decoding. */
function useDecodedFolder(files: readonly File[], size: number, channels: 1 | 3) {
  const plan = useMemo(() => planFolder(files.map(relativePath)), [files]);
  // The result remembers what it was decoded for, so a change of size shows "decoding" at once.
  const [result, setResult] = useState<(Decoded & { plan: object; key: string }) | null>(null);
  const [done, setDone] = useState(0);
  const key = `${size}:${channels}`;
  useEffect(() => {
    let stop = false;
    const jobs = plan.images.map((im) => ({ file: files[im.index]!, path: im.path, label: im.label }));
    void decodeAll(jobs, size, channels, setDone, () => stop).then((images) => {
      if (!images || stop) return;
      const r = assembleImages(images, plan.classes.length, size, channels);
      setResult({
        dataset: r.dataset,
        problems: [...plan.skipped, ...r.problems],
        plan,
        key: `${size}:${channels}`,
      });
    });
    return () => void (stop = true);
  }, [files, plan, size, channels]);
  const decoded = result && result.plan === plan && result.key === key ? result : null;
  return { plan, decoded, done };
}

/** The image-folder import: size and colour, a grid of examples, the class balance, the files left out. */
export function ImageFolderDialog({ files, onClose }: { files: readonly File[]; onClose(): void }) {
  const { t } = useTranslation();
  const bind = useBindImport();
  const [size, setSize] = useState(28);
  const [channels, setChannels] = useState<1 | 3>(1);
  const [split, setSplit] = useState<ImportSplit>(DEFAULT_IMPORT_SPLIT);
  const { plan, decoded, done } = useDecodedFolder(files, size, channels);
  const folder = relativePath(files[0] ?? new File([], '?')).split('/')[0] ?? '?';
  const noClasses = plan.classes.length < 2 ? t('ui.imageImport.noClasses') : null;
  const parts = useMemo(
    () => (decoded && !noClasses ? divideImport(decoded.dataset, split) : null),
    [decoded, split, noClasses],
  );
  const doImport = async (): Promise<void> => {
    if (!decoded || !parts?.ok) return;
    const ds = decoded.dataset;
    const hash = combinedHash([ds.pixels, ds.labels, JSON.stringify({ split, classes: plan.classes })]);
    const fileList = files.map((f) => ({
      name: relativePath(f),
      bytes: f.size,
      ...(pathOf(f) && { path: pathOf(f) }),
    }));
    // Large folders on the desktop are linked: the images are read again from the folder on open.
    const link = await linkFolder(
      plan.images.map(({ index }) => {
        const f = files[index]!;
        return {
          rel: relativePath(f),
          bytes: f.size,
          path: pathOf(f),
          read: async () => new Uint8Array(await f.arrayBuffer()),
        };
      }),
    ).catch(() => null);
    bind(
      { hash, name: folder, classNames: plan.classes, parts: parts.value },
      {
        kind: 'imported',
        id: hash,
        name: folder,
        inputShape: [...ds.inputShape],
        classes: ds.classes,
        task: 'classification',
        source: folderImportSource(hash, link, { size, channels, split }, fileList),
      },
    );
  };
  const settings = (
    <div className="csv-import__settings">
      <CommitField
        key={`size:${size}`}
        label={t('ui.imageImport.size')}
        value={String(size)}
        parse={(s) => parseNumber(s, { integer: true, min: 4, max: 256 })}
        onCommit={setSize}
        type="number"
        min={4}
        max={256}
        step={1}
        unit="px"
      />
      <div className="csv-import__choice">
        <label htmlFor="image-import-color">{t('ui.imageImport.color')}</label>
        <select
          id="image-import-color"
          value={channels}
          onChange={(e) => setChannels(e.target.value === '3' ? 3 : 1)}
        >
          <option value="1">{t('ui.imageImport.grayscale')}</option>
          <option value="3">{t('ui.imageImport.rgb')}</option>
        </select>
      </div>
    </div>
  );
  return (
    <ImportDialogShell
      title={t('ui.imageImport.folderTitle', { folder })}
      canImport={!!parts?.ok}
      onImport={() => void doImport()}
      onClose={onClose}
    >
      <ImageImportBody
        dataset={decoded?.dataset ?? null}
        classNames={plan.classes}
        problems={decoded?.problems ?? plan.skipped}
        parts={parts?.ok ? parts.value : null}
        partsProblem={noClasses ?? (parts && !parts.ok ? parts.error : null)}
        split={split}
        onSplit={setSplit}
        settings={settings}
        status={decoded ? null : t('ui.imageImport.decoding', { done, total: plan.images.length })}
      />
    </ImportDialogShell>
  );
}
