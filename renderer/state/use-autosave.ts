import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseProject } from '../../src/project/parse';
import { serializeProject } from '../../src/project/serialize';
import { APP_VERSION } from '../app-version';
import type { BackupHost } from '../host/backup-host';
import { electronApi } from '../host/electron-api';
import { platformHost } from '../host/platform-host';
import { systemClock } from './autosave-scheduler';
import { findRecovery, isDirty, startAutosave } from './autosave-session';
import { useStores } from './stores';

/**
 * Autosave and crash recovery for the window: backs the document up after edits, offers
 * the backup of a session that did not end cleanly, and asks before closing with unsaved
 * changes (beforeunload in a browser, the will-close handshake in the desktop app).
 */
export function useAutosave(): { recovery: string | null; restore(): void; discard(): void } {
  const stores = useStores();
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState<string | null>(null);
  // Refs survive StrictMode's second effect run: the session must begin only once.
  const host = useRef<BackupHost | null | undefined>(undefined);
  const recovered = useRef<Promise<string | null> | null>(null);
  useEffect(() => {
    if (host.current === undefined) host.current = platformHost();
    const h = host.current;
    if (h === null) return;
    const notifyError = (e: unknown) =>
      stores.session.getState().notify('ui.autosave.backupFailed', { message: String(e) }, 'error');
    recovered.current ??= findRecovery(h).catch(() => null);
    let live = true;
    void recovered.current.then((text) => live && setRecovery(text));
    const auto = startAutosave({
      document: stores.document,
      saved: stores.saved,
      host: h,
      clock: systemClock,
      serialize: (doc) => serializeProject(doc, APP_VERSION),
      onError: notifyError,
    });
    const dirty = () => isDirty(stores.document.getState().doc, stores.saved.getState());
    const api = electronApi();
    const offClose = api?.onWillClose(() => {
      const proceed = !dirty() || window.confirm(t('ui.autosave.closeConfirm'));
      // Closing without saving is a choice: the backup goes with it.
      const cleared = proceed ? h.clear().catch(() => undefined) : Promise.resolve();
      void cleared.then(() => api.replyToClose({ proceed }));
    });
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirty()) return;
      e.preventDefault();
      e.returnValue = ''; // older browsers need it to show the prompt
    };
    const onPageHide = (e: PageTransitionEvent) => {
      if (!e.persisted) void h.endSession();
    };
    if (!api) {
      window.addEventListener('beforeunload', onBeforeUnload);
      window.addEventListener('pagehide', onPageHide);
    }
    return () => {
      live = false;
      auto.stop();
      offClose?.();
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [stores, t]);

  const restore = useCallback(() => {
    const session = stores.session.getState();
    if (recovery === null) return;
    setRecovery(null);
    const r = parseProject(recovery);
    if (!r.ok) return session.notify('ui.autosave.restoreFailed', { message: r.error.message }, 'error');
    // Loaded but not saved: the dirty marker stays on until the user saves.
    stores.document.getState().load(r.value.doc);
    session.notify('ui.autosave.restored');
  }, [recovery, stores]);
  const discard = useCallback(() => {
    setRecovery(null);
    void host.current?.clear();
  }, []);
  return { recovery, restore, discard };
}
