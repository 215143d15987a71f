import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ok } from '../../src/util/result';
import { useArrange, useFitView } from '../canvas/use-arrange';
import { LessonsButton } from '../lessons/LessonGallery';
import { blankDocument } from '../state/initial-document';
import { useDocument, useStores } from '../state/stores';
import { DirtyMarker } from './DirtyMarker';
import { ExportButton } from './ExportDialog';
import { ExportDiagramButton } from './ExportDiagramButton';
import { ImportModelButton } from './ImportModelButton';
import { NewFromTemplateButton } from './TemplateGallery';
import { ToolIcon } from './ToolIcon';
import { useProjectFile } from './use-project-file';
import { ViewToolbar } from './ViewToolbar';

/** The header: app name, document name, and the project and edit actions. */
export function Toolbar() {
  const { t } = useTranslation();
  const stores = useStores();
  const name = useDocument((s) => s.doc.name);
  const canUndo = useDocument((s) => s.history.past.length > 0);
  const canRedo = useDocument((s) => s.history.future.length > 0);
  const project = useProjectFile();
  const fileInput = useRef<HTMLInputElement>(null);
  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void file.arrayBuffer().then((b) => project.openBytes(file.name, new Uint8Array(b)));
  };
  const upload = (): void => fileInput.current?.click();
  // The desktop dialog (reads the weights sidecar), a browser's file picker, else an upload.
  const openFile = (): void => void (project.openWithDialog() || project.openWithPicker(upload) || upload());
  const doc = () => stores.document.getState();
  const arrange = useArrange();
  const fit = useFitView();
  // "New" is an undoable edit rather than a load, so unsaved work is one Undo away.
  const startNew = (): void => {
    doc().apply((d) => ok(blankDocument(d, t('ui.toolbar.untitled'))));
    stores.session.getState().select({ nodes: [], edges: [] });
    stores.session.getState().notify('ui.notice.newDocument');
    // The canvas gets the two new layers on the next render; fit them then.
    requestAnimationFrame(fit);
  };
  return (
    <header className="toolbar">
      <div className="toolbar__brand">
        <span className="toolbar__logo" aria-hidden="true" />
        <span className="toolbar__app">{t('ui.app.name')}</span>
        <span className="toolbar__doc">{name}</span>
        <DirtyMarker />
      </div>
      <div className="toolbar__actions" role="toolbar" aria-label={t('ui.toolbar.label')}>
        <button type="button" className="button" onClick={startNew}>
          {t('ui.toolbar.new')}
        </button>
        <NewFromTemplateButton />
        <LessonsButton />
        <button type="button" className="button" onClick={openFile}>
          {t('ui.toolbar.open')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".layerloom,.json,.layerloom-bundle,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('ui.toolbar.fileInput')}
          onChange={onFile}
        />
        <button type="button" className="button" onClick={project.save}>
          {t('ui.toolbar.save')}
        </button>
        <ExportDiagramButton />
        <ImportModelButton />
        <ExportButton />
        <button
          type="button"
          className="button"
          title={t('ui.toolbar.exportBundleTitle')}
          onClick={project.exportBundle}
        >
          {t('ui.toolbar.exportBundle')}
        </button>
        <span className="toolbar__sep" aria-hidden="true" />
        <button
          type="button"
          className="button button--icon"
          disabled={!canUndo}
          aria-label={t('ui.toolbar.undo')}
          title={t('ui.toolbar.undoTitle')}
          aria-keyshortcuts="Control+Z"
          onClick={() => doc().undo()}
        >
          <ToolIcon name="undo" />
        </button>
        <button
          type="button"
          className="button button--icon"
          disabled={!canRedo}
          aria-label={t('ui.toolbar.redo')}
          title={t('ui.toolbar.redoTitle')}
          aria-keyshortcuts="Control+Y Control+Shift+Z"
          onClick={() => doc().redo()}
        >
          <ToolIcon name="redo" />
        </button>
        <button
          type="button"
          className="button button--icon"
          aria-label={t('ui.toolbar.arrange')}
          title={t('ui.toolbar.arrangeTitle')}
          aria-keyshortcuts="Control+Shift+L"
          onClick={() => void arrange()}
        >
          <ToolIcon name="arrange" />
        </button>
      </div>
      <ViewToolbar />
    </header>
  );
}
