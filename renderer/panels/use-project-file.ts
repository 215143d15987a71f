import { useMemo } from 'react';
import type { ResponseOf } from '../../src/ipc/channels';
import { isBundle } from '../../src/project/bundle';
import { serializeProject } from '../../src/project/serialize';
import { APP_VERSION } from '../app-version';
import {
  BUNDLE_TYPES,
  browserFilesMode,
  OPEN_TYPES,
  pickFileToOpen,
  pickFileToSave,
  PROJECT_TYPES,
  writeToHandle,
  type FileHandleLike,
  type PickerType,
} from '../host/browser-files';
import { electronApi } from '../host/electron-api';
import type { AppStores } from '../state/stores';
import { useStores } from '../state/stores';
import { exportWorkshopBundle, type ChooseBundleSink } from './bundle-export';
import { downloadBlob, projectFileName } from './project-file';
import { openBundle, openFileBytes, openProjectText } from './project-open';
import { weightsPayload, weightsToKeep } from './project-weights';

/**
 * Saves a blob in a browser: over `handle` when there is one and writing is allowed, else
 * where the save picker says (File System Access API), else as a download. The written
 * file's handle (null for a download), or 'cancelled'.
 */
async function browserSave(
  blob: Blob,
  name: string,
  types: PickerType[],
  handle: FileHandleLike | null,
): Promise<FileHandleLike | null | 'cancelled'> {
  if (browserFilesMode() === 'download') return (downloadBlob(name, blob), null);
  if (handle && (await writeToHandle(handle, blob))) return handle;
  const picked = await pickFileToSave(name, types);
  if (picked === 'cancelled') return 'cancelled';
  if (picked !== 'refused' && (await writeToHandle(picked, blob))) return picked;
  downloadBlob(name, blob);
  return null;
}

/** Desktop Save: the project and, when the session has trained weights for this network, its sidecar. */
async function desktopSave(stores: AppStores, text: string, saveAs: boolean): Promise<void> {
  const api = electronApi()!;
  const session = stores.session.getState();
  const { doc } = stores.document.getState();
  const filePath = saveAs ? null : stores.saved.getState().filePath;
  const weights = await weightsToKeep(stores).catch(() => null);
  const r = await api.saveProject({
    path: filePath ?? projectFileName(doc.name),
    text,
    ...(weights && { weights: weightsPayload(weights) }),
  });
  if (r === null) return; // cancelled
  stores.saved.getState().markSaved(doc, r.path);
  session.notify(weights ? 'ui.notice.savedWithWeights' : 'ui.notice.saved', { file: r.path });
}

/** Where Export workshop bundle writes: the main process's dialog, or the browser's picker or a download. */
function bundleSink(): ChooseBundleSink {
  const api = electronApi();
  if (api) return async (name) => async (bytes) => (await api.saveBundle({ name, bytes }))?.path ?? null;
  if (browserFilesMode() === 'download')
    return async (name) => async (bytes) => (downloadBlob(name, new Blob([bytes])), name);
  return async (name) => {
    const picked = await pickFileToSave(name, BUNDLE_TYPES);
    if (picked === 'cancelled') return null;
    return async (bytes) => {
      const blob = new Blob([bytes]);
      if (picked !== 'refused' && (await writeToHandle(picked, blob))) return picked.name;
      downloadBlob(name, blob);
      return name;
    };
  };
}

/**
 * Open and Save. In the desktop app Save writes the current file (atomically, in the main
 * process) with its trained weights beside it, and asks for a path the first time; in a
 * browser it writes the chosen file in place (File System Access API) or downloads it,
 * without weights (those travel in a workshop bundle). Both record the saved document,
 * which clears the dirty marker and the autosave backup.
 */
export function useProjectFile() {
  const stores = useStores();
  return useMemo(() => {
    const write = async (saveAs: boolean): Promise<void> => {
      const session = stores.session.getState();
      const { doc } = stores.document.getState();
      const text = serializeProject(doc, APP_VERSION);
      try {
        if (electronApi()) return await desktopSave(stores, text, saveAs);
        const file = projectFileName(doc.name);
        const saved = stores.saved.getState();
        const blob = new Blob([text], { type: 'application/json' });
        const handle = await browserSave(blob, file, PROJECT_TYPES, saveAs ? null : saved.fileHandle);
        if (handle === 'cancelled') return;
        saved.markSaved(doc);
        saved.setFileHandle(handle);
        session.notify('ui.notice.saved', { file: handle?.name ?? file });
      } catch (e) {
        session.notify('ui.autosave.saveFailed', { message: (e as Error).message }, 'error');
      }
    };
    /** Opens what the main process read: a bundle, or a project with its weights sidecar. */
    const openOpened = (r: NonNullable<ResponseOf<'project:open'>>): void =>
      void ('bundle' in r
        ? openBundle(stores, r.path, r.bundle)
        : openProjectText(stores, r.path, r.text, r.path, r.weights ?? null));
    return {
      /** Saves (to the current file where there is one). Takes no arguments: usable as onClick. */
      save: (): void => void write(false),
      /** Saves under a new name. */
      saveAs: (): void => void write(true),
      /** Opens a project's text; on error the current document stays and the problem is shown. */
      open: (file: string, text: string, filePath: string | null = null): void =>
        void openProjectText(stores, file, text, filePath),
      /** Opens an uploaded file's bytes: a workshop bundle or a project. */
      openBytes: (file: string, bytes: Uint8Array): void => void openFileBytes(stores, file, bytes),
      openOpened,
      /**
       * Browser: shows the File System Access open picker and keeps the project's handle, so
       * Save writes it in place. False (nothing shown) where there is no picker or the URL
       * asks for uploads: the caller opens its file input. `fallback` runs if the browser refuses.
       */
      openWithPicker(fallback: () => void): boolean {
        if (electronApi() || browserFilesMode() === 'download') return false;
        void pickFileToOpen(OPEN_TYPES).then(
          (r) => {
            if (r === 'refused') return fallback();
            if (r === 'cancelled') return;
            // Save writes an opened project back in place; a bundle is never overwritten by Save.
            if (openFileBytes(stores, r.name, r.bytes) && !isBundle(r.bytes))
              stores.saved.getState().setFileHandle(r.handle);
          },
          (e: unknown) =>
            stores.session.getState().notify('ui.notice.openFailed', { message: String(e) }, 'error'),
        );
        return true;
      },
      /** Desktop app: shows the open dialog and opens the chosen file. False in a browser. */
      openWithDialog(): boolean {
        const api = electronApi();
        if (!api) return false;
        void api.openProject().then((r) => r && openOpened(r));
        return true;
      },
      /** Export workshop bundle: the project, its imported data and trained weights in one file. */
      exportBundle: (): void => void exportWorkshopBundle(stores, bundleSink()),
    };
  }, [stores]);
}
