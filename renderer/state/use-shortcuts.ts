import { useEffect } from 'react';
import { useArrange, useFitView } from '../canvas/use-arrange';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  pasteClipboard,
  selectAll,
} from './edit-actions';
import { useStores, type AppStores } from './stores';

/** Keyboard commands of the editor. */
export type ShortcutAction =
  'undo' | 'redo' | 'delete' | 'selectAll' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'arrange' | 'fit';

/** True when keys typed at `target` belong to a text field, not to the editor. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
  const el = target as HTMLElement;
  return (
    el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT'
  );
}

/** True when an editing key at `target` is meant for the canvas (focus on the canvas or on nothing). */
export function isCanvasTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return true;
  const el = target as HTMLElement;
  return el.tagName === 'BODY' || el.closest('main') !== null;
}

const MOD_KEYS: Readonly<Record<string, ShortcutAction>> = {
  a: 'selectAll',
  c: 'copy',
  x: 'cut',
  v: 'paste',
  d: 'duplicate',
  y: 'redo',
};

/**
 * The editor command a key press means, or null (pure). Ctrl and Cmd are the same;
 * Arrange is Ctrl+Shift+L and Fit to view Ctrl+Shift+F.
 */
export function shortcutOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.altKey) return null;
  if (!mod) return e.key === 'Delete' || e.key === 'Backspace' ? 'delete' : null;
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (e.shiftKey) return key === 'l' ? 'arrange' : key === 'f' ? 'fit' : null;
  return MOD_KEYS[key] ?? null;
}

/** Actions that act on the canvas selection: only when focus is on the canvas (or nowhere). */
const CANVAS_ONLY = new Set<ShortcutAction>(['delete', 'selectAll', 'copy', 'cut', 'paste', 'duplicate']);

/** Runs an editing action; false when it did nothing (the key then keeps its usual meaning). */
function runEdit(stores: AppStores, action: ShortcutAction): boolean {
  const doc = stores.document.getState();
  const session = stores.session.getState();
  switch (action) {
    case 'delete':
      return deleteSelection(stores);
    case 'selectAll':
      selectAll(stores);
      return true; // never the browser's select-all of the page text
    case 'copy':
      return copySelection(stores);
    case 'cut':
      return cutSelection(stores);
    case 'paste':
      void pasteClipboard(stores);
      return true;
    case 'duplicate':
      duplicateSelection(stores);
      return true; // never the browser's bookmark dialog
    case 'undo':
    case 'redo':
      if (action === 'undo' ? doc.undo() : doc.redo())
        session.notify(action === 'undo' ? 'ui.notice.undone' : 'ui.notice.redone');
      return true;
    default:
      return false;
  }
}

/** Installs the editor's keyboard shortcuts on the window while mounted. */
export function useShortcuts(): void {
  const stores = useStores();
  const arrange = useArrange();
  const fit = useFitView();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const action = shortcutOf(e);
      if (!action) return;
      if (CANVAS_ONLY.has(action) && !isCanvasTarget(e.target)) return;
      if (action === 'arrange' || action === 'fit') {
        e.preventDefault();
        if (action === 'arrange') void arrange();
        else fit();
        return;
      }
      if (runEdit(stores, action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores, arrange, fit]);
}
