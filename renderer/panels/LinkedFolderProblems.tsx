import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setDataset } from '../../src/graph/commands';
import type { DatasetRef } from '../../src/graph/document';
import type { LinkCheck } from '../../src/project/linked-files';
import { relinkFolder } from '../../src/project/linked-folder';
import { electronApi } from '../host/electron-api';
import { restoreLinkedFolder, type DecodeImages, type ReadInFolder } from '../state/linked-folder';
import { useStores } from '../state/stores';
import { decodeAll } from './image-decode';

type ImportedRef = Extract<DatasetRef, { kind: 'imported' }>;
type Problem = Exclude<LinkCheck, { kind: 'ok' }>;
type Api = NonNullable<ReturnType<typeof electronApi>>;

/** Files of a linked folder named at most (the rest are counted). */
const SHOWN = 20;

/** Reads a linked folder's files through the desktop host's `dataset:read`. */
export const readInFolder =
  (api: Api): ReadInFolder =>
  (root, rel) =>
    api.readDatasetFile({ path: rel, root });

/** Decodes a linked folder's images with the page's canvas decoder (as the import did). */
export const decodeImages: DecodeImages = async (jobs, size, channels) =>
  (await decodeAll(
    jobs,
    size,
    channels,
    () => undefined,
    () => false,
  )) ?? [];

/** The message for one problem: the folder as a whole (gone, or its contents differ), or one file. */
function problemKey(p: Problem, root: string | undefined): string {
  if (p.path === root)
    return p.kind === 'missing'
      ? 'ui.datasetPanel.linkedFolderMissing'
      : 'ui.datasetPanel.linkedFolderChanged';
  return p.kind === 'missing' ? 'ui.datasetPanel.linkedMissing' : 'ui.datasetPanel.linkedChanged';
}

/**
 * What is wrong with a linked image folder's files (the first few named), and one button to
 * locate the folder again: the located folder is read and checked in full before the project
 * records it, so a wrong choice changes nothing.
 */
export function LinkedFolderProblems({ dataset, problems }: { dataset: ImportedRef; problems: Problem[] }) {
  const { t } = useTranslation();
  const stores = useStores();
  const [differs, setDiffers] = useState(false);
  const locate = async (): Promise<void> => {
    const api = electronApi();
    const source = dataset.source;
    if (!api || !source?.root) return;
    const found = await api.locateDatasetFolder({ name: dataset.name, root: source.root }).catch(() => null);
    if (!found) return;
    const moved = { ...dataset, source: relinkFolder(source, found.path) };
    const result = await restoreLinkedFolder(moved, readInFolder(api), decodeImages);
    setDiffers(result.kind !== 'ready');
    if (result.kind !== 'ready') return;
    stores.datasets.getState().put(result.data);
    stores.document.getState().apply((d) => setDataset(d, moved));
  };
  return (
    <div className="dataset-panel__problem" role="status" aria-label={dataset.name}>
      <ul>
        {problems.slice(0, SHOWN).map((p) => (
          <li key={p.path}>
            {t(problemKey(p, dataset.source?.root), { file: p.name, name: dataset.name, path: p.path })}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN && (
        <p>{t('ui.imageImport.moreProblems', { count: problems.length - SHOWN })}</p>
      )}
      <button type="button" className="button" onClick={() => void locate()}>
        {t('ui.datasetPanel.linkedLocateFolder', { name: dataset.name })}
      </button>
      {differs && (
        <span role="alert"> {t('ui.datasetPanel.linkedFolderDiffers', { name: dataset.name })}</span>
      )}
    </div>
  );
}
