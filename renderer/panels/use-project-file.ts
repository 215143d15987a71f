import { useMemo } from 'react';
import { parseProject } from '../../src/project/parse';
import { serializeProject } from '../../src/project/serialize';
import { APP_VERSION } from '../app-version';
import { NO_SELECTION } from '../state/session-store';
import { useStores } from '../state/stores';
import { downloadText, projectFileName } from './project-file';

/** Open and Save for the browser host: a chosen file's text in, a download out. */
export function useProjectFile() {
  const stores = useStores();
  return useMemo(
    () => ({
      save(): void {
        const { doc } = stores.document.getState();
        const file = projectFileName(doc.name);
        downloadText(file, serializeProject(doc, APP_VERSION));
        stores.session.getState().notify('ui.notice.saved', { file });
      },
      /** Opens a project's text; on error the current document stays and the problem is shown. */
      open(file: string, text: string): void {
        const session = stores.session.getState();
        const r = parseProject(text);
        if (!r.ok) return session.setFileProblem({ file, error: r.error });
        session.setFileProblem(null);
        session.select(NO_SELECTION);
        session.setMeasured({});
        stores.document.getState().load(r.value.doc);
        session.notify('ui.notice.opened', { name: r.value.doc.name });
      },
    }),
    [stores],
  );
}
