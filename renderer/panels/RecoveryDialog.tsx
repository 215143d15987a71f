import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAutosave } from '../state/use-autosave';
import './RecoveryDialog.css';

/**
 * Runs autosave and, after an unclean exit, asks "Restore unsaved work?" in a modal
 * dialog (focus moves to Restore; Escape means Discard).
 */
export function RecoveryDialog() {
  const { t } = useTranslation();
  const { recovery, restore, discard } = useAutosave();
  const dialog = useRef<HTMLDialogElement>(null);
  const open = recovery !== null;
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    // showModal makes the rest of the page inert; fall back to a plain open dialog without it.
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={dialog}
      className="recovery"
      aria-labelledby="recovery-title"
      aria-describedby="recovery-body"
      onCancel={(e) => {
        e.preventDefault();
        discard();
      }}
    >
      <h2 id="recovery-title" className="recovery__title">
        {t('ui.autosave.restoreTitle')}
      </h2>
      <p id="recovery-body">{t('ui.autosave.restoreBody')}</p>
      <div className="recovery__actions">
        <button type="button" className="button button--primary" autoFocus onClick={restore}>
          {t('ui.autosave.restore')}
        </button>
        <button type="button" className="button" onClick={discard}>
          {t('ui.autosave.discard')}
        </button>
      </div>
    </dialog>
  );
}
