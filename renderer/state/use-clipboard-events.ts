import { useEffect } from 'react';
import { copyText, pasteText, removeCut } from './edit-actions';
import { useStores } from './stores';
import { isCanvasTarget, isTextEntry } from './use-shortcuts';

/** True when a clipboard event belongs to the canvas rather than to a text field or a panel. */
const forCanvas = (e: ClipboardEvent): boolean => !isTextEntry(e.target) && isCanvasTarget(e.target);

/**
 * Handles the document's copy, cut and paste events (an Edit menu, or a browser that
 * sends them without our key handler seeing the keys). The keys themselves are handled
 * in useShortcuts, which prevents these events, so nothing runs twice.
 */
export function useClipboardEvents(): void {
  const stores = useStores();
  useEffect(() => {
    const onCopyOrCut = (e: ClipboardEvent): void => {
      if (!forCanvas(e)) return;
      const text = copyText(stores);
      if (text === null) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
      if (e.type === 'cut') removeCut(stores);
    };
    const onPaste = (e: ClipboardEvent): void => {
      if (!forCanvas(e)) return;
      if (pasteText(stores, e.clipboardData?.getData('text/plain') ?? null)) e.preventDefault();
    };
    document.addEventListener('copy', onCopyOrCut);
    document.addEventListener('cut', onCopyOrCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopyOrCut);
      document.removeEventListener('cut', onCopyOrCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [stores]);
}
