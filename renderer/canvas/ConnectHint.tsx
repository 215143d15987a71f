import { useConnection } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useDocument } from '../state/stores';
import { connectHint, type ConnectHint as Hint } from './connect-hint';

/**
 * While a wire is dragged with the mouse and reaches an input or output, a small label by
 * the pointer says what releasing does: connect (or replace the wire on that input), or
 * why the rules refuse it, before the button is released. Rendered inside React Flow,
 * which positions it in the canvas's own pixels.
 */
export function ConnectHint() {
  const { t } = useTranslation();
  const doc = useDocument((s) => s.doc);
  const c = useConnection();
  if (!c.inProgress || !c.toNode || !c.toHandle) return null;
  const fromSource = c.fromHandle.type === 'source';
  const hint = connectHint(doc, {
    source: fromSource ? c.fromNode.id : c.toNode.id,
    target: fromSource ? c.toNode.id : c.fromNode.id,
    targetHandle: fromSource ? c.toHandle.id : c.fromHandle.id,
  });
  if (!hint) return null;
  return (
    <div
      className={`connect-hint connect-hint--${hint.kind === 'refused' ? 'refused' : 'ok'}`}
      style={{ left: c.pointer.x + 14, top: c.pointer.y + 14 }}
      aria-live="polite"
      data-testid="connect-hint"
    >
      {hintText(t, hint)}
    </div>
  );
}

function hintText(t: (key: string, values?: Record<string, unknown>) => string, hint: Hint): string {
  switch (hint.kind) {
    case 'connect':
      return t('ui.canvas.connectOk', hint.names);
    case 'replace':
      return t('ui.canvas.connectReplaces', { ...hint.names, old: hint.old });
    case 'refused':
      return t('ui.canvas.connectRefused', { reason: t(`connect.${hint.reason}`, hint.values) });
  }
}
