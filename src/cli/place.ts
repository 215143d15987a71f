import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Doc } from '../graph/document';

/** Where a diagnostic points in the project file: a JSON path, with the layer's name for a node. */
export function placeOf(doc: Doc, d: Diagnostic): string {
  const t = d.target;
  if (t.kind === 'node') {
    const i = doc.layers.findIndex((l) => l.id === t.nodeId);
    const param = t.param ? `.params.${t.param}` : '';
    return i < 0 ? `layer '${t.nodeId}'` : `$.layers[${i}]${param} (layer '${doc.layers[i]!.name}')`;
  }
  if (t.kind === 'edge') {
    const i = doc.edges.findIndex((e) => e.id === t.edgeId);
    return i < 0 ? `wire '${t.edgeId}'` : `$.edges[${i}]`;
  }
  return t.path ?? '$';
}

/** One line for a diagnostic: file, place, message and code. */
export const diagnosticLine = (file: string, doc: Doc, d: Diagnostic): string =>
  `${file}: ${placeOf(doc, d)}: ${d.severity}: ${d.message} [${d.code}]`;
