import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DirtyMarker } from '../../renderer/panels/DirtyMarker';
import { RecoveryDialog } from '../../renderer/panels/RecoveryDialog';
import { serializeProject } from '../../src/project/serialize';
import { lenet } from './doc-fixtures';
import { renderInApp } from './render-app';

/** A fake preload API (desktop app) whose backup survived a crash. */
function fakeDesktop(backup: string | null, uncleanExit: boolean) {
  const listeners: Record<string, (p: unknown) => void> = {};
  const on = (name: string) => (l: (p: unknown) => void) => (
    (listeners[name] = l),
    () => delete listeners[name]
  );
  const api = {
    openProject: vi.fn(async () => null),
    saveProject: vi.fn(async () => ({ path: '/p/net.layerloom' })),
    saveBundle: vi.fn(async () => null),
    openModel: vi.fn(async () => null),
    appInfo: vi.fn(async () => ({ version: '1', platform: 'linux' })),
    writeBackup: vi.fn(async () => null),
    readBackup: vi.fn(async () => (backup === null ? null : { text: backup })),
    clearBackup: vi.fn(async () => null),
    writeCheckpoint: vi.fn(async () => null),
    readCheckpoint: vi.fn(async () => null),
    clearCheckpoint: vi.fn(async () => null),
    readDatasetFile: vi.fn(async () => null),
    locateDatasetFile: vi.fn(async () => null),
    locateDatasetFolder: vi.fn(async () => null),
    beginSession: vi.fn(async () => ({ uncleanExit })),
    replyToClose: vi.fn(async () => null),
    onMenuCommand: on('menu'),
    onProjectOpened: on('opened'),
    onWillClose: on('close'),
  };
  (globalThis as { layerloom?: unknown }).layerloom = api;
  return { api, listeners };
}

afterEach(() => {
  delete (globalThis as { layerloom?: unknown }).layerloom;
});

describe('crash recovery and the dirty marker', () => {
  it('offers to restore after an unclean exit; Restore loads the backup as unsaved work', async () => {
    const backup = serializeProject({ ...lenet(), name: 'Recovered net' }, '1');
    const { api } = fakeDesktop(backup, true);
    const { stores } = renderInApp(
      <>
        <DirtyMarker />
        <RecoveryDialog />
      </>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Restore unsaved work?' });
    expect(dialog).toBeTruthy();
    expect(screen.queryByText('Edited')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    expect(stores.document.getState().doc.name).toBe('Recovered net');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByText('Edited')).toBeTruthy();
    expect(document.title).toContain('• Recovered net');
    expect(api.clearBackup).not.toHaveBeenCalled();
  });

  it('Discard deletes the backup; a clean previous exit offers nothing', async () => {
    const { api } = fakeDesktop('{}', true);
    renderInApp(<RecoveryDialog />);
    fireEvent.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(api.clearBackup).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('answers will-close: closes at once when saved, asks when there are unsaved changes', async () => {
    const { api, listeners } = fakeDesktop(null, false);
    const { stores } = renderInApp(<RecoveryDialog />);
    await waitFor(() => expect(listeners['close']).toBeDefined());
    act(() => listeners['close']!(undefined));
    await waitFor(() => expect(api.replyToClose).toHaveBeenLastCalledWith({ proceed: true }));
    act(() => void stores.document.getState().apply((d) => ({ ok: true, value: { ...d, name: 'changed' } })));
    const confirm = vi.fn(() => false);
    Object.assign(window, { confirm }); // happy-dom has no confirm()
    act(() => listeners['close']!(undefined));
    await waitFor(() => expect(api.replyToClose).toHaveBeenLastCalledWith({ proceed: false }));
    expect(confirm).toHaveBeenCalledWith('This project has unsaved changes. Close without saving?');
  });
});
