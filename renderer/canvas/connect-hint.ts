import type { Doc } from '../../src/graph/document';
import { checkConnection, type ConnectReason } from '../../src/graph/connect-rules';
import type { MessageValues } from '../../src/util/format';
import { portOfHandle } from './flow-nodes';

/** What releasing a dragged wire over an input would do. */
export type ConnectHint =
  | { kind: 'connect'; names: { source: string; target: string } }
  | { kind: 'replace'; names: { source: string; target: string }; old: string }
  | { kind: 'refused'; reason: ConnectReason; values: MessageValues };

/**
 * The outcome of dropping a wire from `source` onto `target`'s input handle (pure): the
 * same rules as the connect command (a wire already on that input is replaced). Null when
 * there is nothing to say: the wire exists already, or an end is not a layer (a block).
 */
export function connectHint(
  doc: Pick<Doc, 'layers' | 'edges'>,
  drawn: { source: string; target: string; targetHandle: string | null | undefined },
): ConnectHint | null {
  const src = doc.layers.find((l) => l.id === drawn.source);
  const tgt = doc.layers.find((l) => l.id === drawn.target);
  if (!src || !tgt) return null;
  const port = portOfHandle(drawn.targetHandle);
  const old = doc.edges.find((e) => e.target === drawn.target && e.targetPort === port);
  if (old && old.source === drawn.source) return null;
  const check = checkConnection(doc, drawn.source, drawn.target, port, old?.id);
  if (!check.ok) return { kind: 'refused', reason: check.error.reason, values: check.error.values };
  const names = { source: src.name, target: tgt.name };
  if (!old) return { kind: 'connect', names };
  const from = doc.layers.find((l) => l.id === old.source);
  return { kind: 'replace', names, old: from?.name ?? old.source };
}
