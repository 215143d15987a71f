import { useTranslation } from 'react-i18next';
import { useAutosave } from '../state/use-autosave';
import { ModalDialog } from './ModalDialog';
import './RecoveryDialog.css';

/**
 * Runs autosave and, after an unclean exit, asks "Restore unsaved work?" in a modal
 * dialog (focus moves to Restore; Escape means Discard).
 */
export function RecoveryDialog() {
  const { t } = useTranslation();
  const { recovery, restore, discard } = useAutosave();
  if (recovery === null) return null;
  return (
    <ModalDialog
      title={t('ui.autosave.restoreTitle')}
      className="recovery"
      titleClassName="recovery__title"
      describedBy="recovery-body"
      onCancel={discard}
      onClose={discard}
    >
      <p id="recovery-body">{t('ui.autosave.restoreBody')}</p>
      <div className="recovery__actions">
        <button type="button" className="button button--primary" autoFocus onClick={restore}>
          {t('ui.autosave.restore')}
        </button>
        <button type="button" className="button" onClick={discard}>
          {t('ui.autosave.discard')}
        </button>
      </div>
    </ModalDialog>
  );
}
