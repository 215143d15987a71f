import { addLayer, connectPorts } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { initialDocument } from '../../renderer/state/initial-document';

/** Unwraps a command result in tests. */
export function must(r: { ok: true; value: Doc } | { ok: false; error: unknown }): Doc {
  if (!r.ok) throw new Error(`command refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** The launch document (LeNet-BN on Fashion-MNIST). */
export const lenet = (): Doc => initialDocument();

/** LeNet-BN with a Dense layer spliced in right after bn1: an error on the main path. */
export function lenetWithDenseOnImage(): Doc {
  let doc = lenet();
  doc = must(addLayer(doc, { id: 'd', kind: 'dense', position: { x: 0, y: 0 } }));
  const bn1ToSig = doc.edges.find((e) => e.source === 'bn1')!;
  doc = { ...doc, edges: doc.edges.filter((e) => e !== bn1ToSig) };
  doc = must(connectPorts(doc, { id: 'bn1-d', source: 'bn1', target: 'd', targetPort: 0 }));
  return must(connectPorts(doc, { id: 'd-next', source: 'd', target: bn1ToSig.target, targetPort: 0 }));
}
