import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { isDirty } from '../state/autosave-session';
import { useDocument, useStores } from '../state/stores';

/**
 * "• Edited" beside the document name while there are unsaved changes; the window title
 * (which the desktop app shows in its title bar) carries a "•" too.
 */
export function DirtyMarker() {
  const { t } = useTranslation();
  const doc = useDocument((s) => s.doc);
  const saved = useStore(useStores().saved);
  const dirty = isDirty(doc, saved);
  const appName = t('ui.app.name');
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${doc.name} — ${appName}`;
  }, [dirty, doc.name, appName]);
  if (!dirty) return null;
  return (
    <span className="toolbar__dirty" title={t('ui.autosave.editedTitle')}>
      <span aria-hidden="true">• </span>
      {t('ui.autosave.edited')}
    </span>
  );
}
