import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '../../src/ipc/channels';
import { ok } from '../../src/util/result';
import { useFitView } from '../canvas/use-arrange';
import { importFiles } from '../panels/ImportModelButton';
import { useProjectFile } from '../panels/use-project-file';
import { useTrainingActions } from '../panels/use-training-actions';
import { blankDocument } from '../state/initial-document';
import { useStores } from '../state/stores';
import { isTextEntry } from '../state/use-shortcuts';
import { electronApi } from './electron-api';

/**
 * Carries out the desktop app's native menu (`menu:command`) and opens the files the main
 * process hands over (`project:opened`: Open Recent, a double-clicked file). Does nothing
 * in a browser.
 */
export function useMenuCommands(): void {
  const stores = useStores();
  const { t } = useTranslation();
  const project = useProjectFile();
  const training = useTrainingActions();
  const fit = useFitView();
  useEffect(() => {
    const api = electronApi();
    if (!api) return;
    const doc = () => stores.document.getState();
    // In a text field Undo/Redo edit the text, elsewhere the document.
    const inText = () => isTextEntry(document.activeElement);
    const run: Record<MenuCommand, () => void> = {
      new: () => {
        doc().apply((d) => ok(blankDocument(d, t('ui.toolbar.untitled'))));
        requestAnimationFrame(fit);
      },
      open: () => void project.openWithDialog(),
      save: project.save,
      'save-as': project.saveAs,
      export: () => stores.exchange.getState().setExportOpen(true),
      'export-bundle': project.exportBundle,
      // A menu click cannot open a file input (no user activation): the main process shows the dialog.
      'import-model': () =>
        void api.openModel().then(
          (r) => r && importFiles(stores, r.files).then((done) => done && requestAnimationFrame(fit)),
          (e: unknown) =>
            stores.session.getState().notify('ui.exchange.importReadFailed', { message: String(e) }, 'error'),
        ),
      undo: () => (inText() ? document.execCommand('undo') : doc().undo()),
      redo: () => (inText() ? document.execCommand('redo') : doc().redo()),
      'toggle-theme': () => {
        const s = stores.session.getState();
        s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
      },
      fit,
      train: () => void training.start(),
      stop: training.stop,
      about: () =>
        void api.appInfo().then((info) => stores.session.getState().notify('ui.notice.about', info)),
    };
    const offMenu = api.onMenuCommand(({ command }) => run[command]());
    const offOpened = api.onProjectOpened(project.openOpened);
    return () => {
      offMenu();
      offOpened();
    };
  }, [stores, t, project, training, fit]);
}
