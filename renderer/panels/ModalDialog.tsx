import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';

/** What a modal dialog shows around its body; see ModalDialog. */
export interface ModalDialogProps {
  /** The heading, which is also the dialog's accessible name. */
  title: string;
  className: string;
  titleClassName: string;
  /** Given, the heading sits in a header row of this class, followed by `headExtra` and the Close button. */
  headClassName?: string;
  headExtra?: ReactNode;
  /** Given, the header row ends with a Close button of this label. */
  closeLabel?: string;
  /** The id of the element that describes the dialog. */
  describedBy?: string;
  /** Called once when the dialog closes (Close, Escape, or the body's own close()). */
  onClose(): void;
  /** Escape's action instead of closing (for a dialog whose Escape means a choice). */
  onCancel?(): void;
  /** The body; as a function it gets close(), for actions that end the dialog. */
  children: ReactNode | ((close: () => void) => ReactNode);
}

/** Returns focus to the control that opened a dialog, if it is still on the page. */
function restoreFocus(opener: Element | null): void {
  if (opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus();
}

/**
 * A modal `<dialog>` opened with showModal when it mounts (a plain open dialog where
 * showModal is missing). Its heading names it; Escape cancels it (closing it, unless
 * `onCancel` says otherwise); closing it, or removing it while open, returns focus to the
 * control that opened it.
 */
export function ModalDialog(p: ModalDialogProps) {
  const id = useId();
  // Held in state, not a ref, so that close() may be handed to the body while rendering.
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  // Read at the first render, before the dialog (or an autofocused control in it) takes focus.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    if (!dialog) return;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // On unmount the dialog is already detached; a StrictMode re-run keeps it attached.
    return () => {
      if (!dialog.isConnected) restoreFocus(opener);
    };
  }, [dialog, opener]);
  /** Runs once per closing: the dialog's close event follows every close(). */
  const finish = (): void => {
    restoreFocus(opener);
    p.onClose();
  };
  const close = (): void => {
    if (dialog?.open) dialog.close();
    else finish();
  };
  const cancel = (): void => {
    if (p.onCancel) p.onCancel();
    else close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    cancel();
  };
  const titleId = `${id}-title`;
  const heading = (
    <h2 id={titleId} className={p.titleClassName}>
      {p.title}
    </h2>
  );
  return (
    <dialog
      ref={setDialog}
      className={p.className}
      aria-labelledby={titleId}
      aria-describedby={p.describedBy}
      onClose={finish}
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onKeyDown={onKeyDown}
    >
      {p.headClassName === undefined ? (
        heading
      ) : (
        <div className={p.headClassName}>
          {heading}
          {p.headExtra}
          {p.closeLabel !== undefined && (
            <button type="button" className="button button--small" onClick={close}>
              {p.closeLabel}
            </button>
          )}
        </div>
      )}
      {typeof p.children === 'function' ? p.children(close) : p.children}
    </dialog>
  );
}
