import { useMemo } from 'react';
import { parseProject } from '../../src/project/parse';
import { serializeProject } from '../../src/project/serialize';
import { APP_VERSION } from '../app-version';
import { electronApi } from '../host/electron-api';
import { NO_SELECTION } from '../state/session-store';
import { useStores } from '../state/stores';
import { downloadText, projectFileName } from './project-file';

/**
 * Open and Save. In the desktop app Save writes the current file (atomically, in the main
 * process) and asks for a path the first time; in a browser it is a download. Both record
 * the saved document, which clears the dirty marker and the autosave backup.
 */
export function useProjectFile() {
  const stores = useStores();
  return useMemo(() => {
    const write = async (saveAs: boolean): Promise<void> => {
      const session = stores.session.getState();
      const { doc } = stores.document.getState();
      const text = serializeProject(doc, APP_VERSION);
      const api = electronApi();
      if (!api) {
        const file = projectFileName(doc.name);
        downloadText(file, text);
        stores.saved.getState().markSaved(doc);
        return session.notify('ui.notice.saved', { file });
      }
      const filePath = saveAs ? null : stores.saved.getState().filePath;
      try {
        const r = await api.saveProject({ path: filePath ?? projectFileName(doc.name), text });
        if (r === null) return; // cancelled
        stores.saved.getState().markSaved(doc, r.path);
        session.notify('ui.notice.saved', { file: r.path });
      } catch (e) {
        session.notify('ui.autosave.saveFailed', { message: (e as Error).message }, 'error');
      }
    };
    const open = (file: string, text: string, filePath: string | null = null): void => {
      const session = stores.session.getState();
      const r = parseProject(text);
      if (!r.ok) return session.setFileProblem({ file, error: r.error });
      session.setFileProblem(null);
      session.select(NO_SELECTION);
      session.setMeasured({});
      stores.document.getState().load(r.value.doc);
      stores.saved.getState().markSaved(stores.document.getState().doc, filePath);
      session.notify('ui.notice.opened', { name: r.value.doc.name });
    };
    return {
      /** Saves (to the current file in the desktop app). Takes no arguments: usable as onClick. */
      save: (): void => void write(false),
      /** Saves under a new name (desktop app; a download in a browser). */
      saveAs: (): void => void write(true),
      /** Opens a project's text; on error the current document stays and the problem is shown. */
      open,
      /** Desktop app: shows the open dialog and opens the chosen file. False in a browser. */
      openWithDialog(): boolean {
        const api = electronApi();
        if (!api) return false;
        void api.openProject().then((r) => r && open(r.path, r.text, r.path));
        return true;
      },
    };
  }, [stores]);
}
