import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from './ModalDialog';
import './ImportDialog.css';

/** The modal frame of an import dialog: title, body, Cancel and Import (Escape cancels). */
export function ImportDialogShell(p: {
  title: string;
  canImport: boolean;
  onImport(): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      title={p.title}
      className="import-dialog"
      titleClassName="import-dialog__title"
      onClose={p.onClose}
    >
      {(close) => (
        <>
          {p.children}
          <div className="import-dialog__actions">
            <button type="button" className="button" onClick={close}>
              {t('ui.csvImport.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!p.canImport}
              onClick={() => {
                p.onImport();
                close();
              }}
            >
              {t('ui.csvImport.import')}
            </button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
