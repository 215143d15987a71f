import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { moveLayers } from '../../src/graph/commands';
import { layoutVertical } from '../canvas/layout';
import { useDocument, useStores } from '../state/stores';
import { useProjectFile } from './use-project-file';

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
    if (file) void file.text().then((text) => project.open(file.name, text));
  };
  const doc = () => stores.document.getState();
  const arrange = (): void => {
    doc().apply((d) => moveLayers(d, layoutVertical(d)));
  };
  return (
    <header className="toolbar">
      <div className="toolbar__brand">
        <span className="toolbar__logo" aria-hidden="true" />
        <span className="toolbar__app">{t('ui.app.name')}</span>
        <span className="toolbar__doc">{name}</span>
      </div>
      <div className="toolbar__actions" role="toolbar" aria-label={t('ui.toolbar.label')}>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          {t('ui.toolbar.open')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".layerloom,.json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('ui.toolbar.fileInput')}
          onChange={onFile}
        />
        <button type="button" className="button" onClick={project.save}>
          {t('ui.toolbar.save')}
        </button>
        <span className="toolbar__sep" aria-hidden="true" />
        <button type="button" className="button" disabled={!canUndo} onClick={() => doc().undo()}>
          {t('ui.toolbar.undo')}
        </button>
        <button type="button" className="button" disabled={!canRedo} onClick={() => doc().redo()}>
          {t('ui.toolbar.redo')}
        </button>
        <button type="button" className="button" onClick={arrange}>
          {t('ui.toolbar.arrange')}
        </button>
      </div>
    </header>
  );
}
