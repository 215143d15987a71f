import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setDataset } from '../../src/graph/commands';
import type { DatasetRef } from '../../src/graph/document';
import { checkLinkedFile, linkedFilesOf, relinkFile, type LinkCheck } from '../../src/project/linked-files';
import { electronApi } from '../host/electron-api';
import { importedKey } from '../state/bundle-datasets';
import { restoreLinkedFolder } from '../state/linked-folder';
import { restoreLinked, type LinkedRestore } from '../state/linked-import';
import { decodeImages, LinkedFolderProblems, readInFolder } from './LinkedFolderProblems';
import { useDatasets, useStores } from '../state/stores';

type ImportedRef = Extract<DatasetRef, { kind: 'imported' }>;
type Problem = Exclude<LinkCheck, { kind: 'ok' }>;

/** One file that is not as recorded: what is wrong, and a button to locate it again. */
function ProblemLine({ dataset, problem }: { dataset: ImportedRef; problem: Problem }) {
  const { t } = useTranslation();
  const stores = useStores();
  const [differs, setDiffers] = useState(false);
  const locate = async (): Promise<void> => {
    const api = electronApi();
    const recorded = linkedFilesOf(dataset.source).find((f) => f.path === problem.path);
    if (!api || !recorded || !dataset.source) return;
    const found = await api.locateDatasetFile({ name: problem.name }).catch(() => null);
    if (!found) return;
    const check = checkLinkedFile(recorded, { bytes: found.bytes.byteLength, sha256: found.sha256 });
    setDiffers(check.kind !== 'ok');
    if (check.kind !== 'ok') return;
    // The project now records the new place; reading the files again follows from the change.
    const source = relinkFile(dataset.source, problem.path, found.path);
    stores.document.getState().apply((d) => setDataset(d, { ...dataset, source }));
  };
  const values = { file: problem.name, name: dataset.name, path: problem.path };
  return (
    <li>
      {t(
        problem.kind === 'missing' ? 'ui.datasetPanel.linkedMissing' : 'ui.datasetPanel.linkedChanged',
        values,
      )}{' '}
      <button type="button" className="button" onClick={() => void locate()}>
        {t('ui.datasetPanel.linkedLocate', { file: problem.name })}
      </button>
      {differs && (
        <span role="alert"> {t('ui.datasetPanel.linkedLocatedDiffers', { file: problem.name })}</span>
      )}
    </li>
  );
}

/**
 * The data of a linked import (large files saved by path): read from the files the project
 * records (only those, by the desktop app's main process), checked against their hashes and
 * prepared with the recorded settings. A file that is gone or changed is named, with a way to
 * locate it again; the rest of the project stays usable meanwhile.
 */
export function LinkedDataStatus({ dataset }: { dataset: ImportedRef }) {
  const { t } = useTranslation();
  const stores = useStores();
  const key = importedKey(dataset);
  const present = useDatasets((s) => key in s.byHash);
  const [outcome, setOutcome] = useState<{ for: ImportedRef; result: LinkedRestore } | null>(null);
  const [api] = useState(() => electronApi());
  useEffect(() => {
    if (present || !api) return;
    let live = true;
    const restoring =
      dataset.source?.format === 'image-folder'
        ? restoreLinkedFolder(dataset, readInFolder(api), decodeImages)
        : restoreLinked(dataset, (f) => api.readDatasetFile({ path: f.path }));
    void restoring.then((result) => {
      if (result.kind === 'ready') stores.datasets.getState().put(result.data);
      if (live) setOutcome({ for: dataset, result });
    });
    return () => void (live = false);
  }, [dataset, present, api, stores]);
  if (present) return null;
  const first = dataset.source?.root ?? dataset.source?.files[0]?.path ?? dataset.name;
  if (!api)
    return (
      <p className="dataset-panel__problem" role="status">
        {t('ui.datasetPanel.linkedElsewhere', { name: dataset.name, file: first })}
      </p>
    );
  const result = outcome?.for === dataset ? outcome.result : null;
  if (!result || result.kind === 'ready')
    return (
      <p className="dataset-panel__problem" role="status">
        {t('ui.datasetPanel.linkedReading', { name: dataset.name })}
      </p>
    );
  if (result.kind === 'failed')
    return (
      <p className="dataset-panel__problem" role="alert">
        {t('ui.datasetPanel.linkedFailed', { name: dataset.name, message: result.message })}
      </p>
    );
  if (dataset.source?.format === 'image-folder')
    return <LinkedFolderProblems dataset={dataset} problems={result.problems} />;
  return (
    <ul className="dataset-panel__problem" role="status" aria-label={dataset.name}>
      {result.problems.map((p) => (
        <ProblemLine key={p.path} dataset={dataset} problem={p} />
      ))}
    </ul>
  );
}
