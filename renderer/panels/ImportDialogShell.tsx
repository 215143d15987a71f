import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="import-dialog" aria-labelledby={`${id}-title`} onClose={p.onClose}>
      <h2 id={`${id}-title`} className="import-dialog__title">
        {p.title}
      </h2>
      {p.children}
      <div className="import-dialog__actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          {t('ui.csvImport.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!p.canImport}
          onClick={() => {
            p.onImport();
            ref.current?.close();
          }}
        >
          {t('ui.csvImport.import')}
        </button>
      </div>
    </dialog>
  );
}
