import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModalDialog } from '../../renderer/panels/ModalDialog';

afterEach(cleanup);

/** An opener button and the dialog it opens, as the toolbar uses them. */
function Harness(p: { onClose?(): void; onCancel?(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open settings
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Elsewhere
      </button>
      {open && (
        <ModalDialog
          title="Settings"
          className="gallery"
          titleClassName="gallery__heading"
          headClassName="gallery__head"
          closeLabel="Close"
          onCancel={p.onCancel}
          onClose={() => {
            p.onClose?.();
            setOpen(false);
          }}
        >
          {(close) => (
            <button type="button" onClick={close}>
              Choose
            </button>
          )}
        </ModalDialog>
      )}
    </>
  );
}

/** Opens the dialog from a focused opener and moves focus into it, as a user would. */
function openDialog(): { opener: HTMLElement; dialog: HTMLElement } {
  const opener = screen.getByRole('button', { name: 'Open settings' });
  opener.focus();
  fireEvent.click(opener);
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  screen.getByRole('button', { name: 'Choose' }).focus();
  expect(document.activeElement).not.toBe(opener);
  return { opener, dialog };
}

describe('ModalDialog', () => {
  it('is named by its title and opens as a modal dialog', () => {
    render(<Harness />);
    const { dialog } = openDialog();
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
  });

  it('closes on Escape, calls onClose once and returns focus to the opener', () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    const { opener } = openDialog();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it('closes from its Close button and from the body’s close(), returning focus each time', () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    let { opener } = openDialog();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    ({ opener } = openDialog());
    fireEvent.click(screen.getByRole('button', { name: 'Choose' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('lets onCancel decide what Escape does', () => {
    const onCancel = vi.fn();
    const onClose = vi.fn();
    render(<Harness onCancel={onCancel} onClose={onClose} />);
    openDialog();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('returns focus to the opener when it is removed while open', () => {
    render(<Harness />);
    const { opener } = openDialog();
    // The page closes it without the user (e.g. a restore that replaces the dialog).
    fireEvent.click(screen.getByRole('button', { name: 'Elsewhere', hidden: true }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
