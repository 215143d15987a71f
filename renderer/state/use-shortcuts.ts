import { useEffect } from 'react';
import { deleteCommand } from '../canvas/flow-changes';
import { useStores } from './stores';

/** Keyboard commands of the editor. */
export type ShortcutAction = 'undo' | 'redo' | 'delete';

/** True when keys typed at `target` belong to a text field, not to the editor. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
  const el = target as HTMLElement;
  return (
    el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT'
  );
}

/** True when a Delete key at `target` is meant for the canvas (focus on the canvas or on nothing). */
export function isCanvasTarget(target: EventTarget | null): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return true;
  const el = target as HTMLElement;
  return el.tagName === 'BODY' || el.closest('main') !== null;
}

/** The editor command a key press means, or null (pure). */
export function shortcutOf(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (mod && !e.altKey && key === 'y') return 'redo';
  if (!mod && !e.altKey && (e.key === 'Delete' || e.key === 'Backspace')) return 'delete';
  return null;
}

/** Installs the editor's keyboard shortcuts on the window while mounted. */
export function useShortcuts(): void {
  const stores = useStores();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const action = shortcutOf(e);
      if (!action) return;
      const doc = stores.document.getState();
      const session = stores.session.getState();
      if (action === 'delete') {
        const sel = session.selection;
        if (!isCanvasTarget(e.target)) return;
        if (sel.nodes.length + sel.edges.length === 0) return;
        e.preventDefault();
        doc.apply(deleteCommand(sel));
        session.select({ nodes: [], edges: [] });
        session.notify('ui.notice.deleted', { count: sel.nodes.length + sel.edges.length });
        return;
      }
      e.preventDefault();
      if (action === 'undo' ? doc.undo() : doc.redo()) {
        session.notify(action === 'undo' ? 'ui.notice.undone' : 'ui.notice.redone');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores]);
}
