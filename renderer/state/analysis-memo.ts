import { analyze, type Analysis } from '../../src/analysis/analyze';
import type { Doc } from '../../src/graph/document';

/**
 * True when two documents can only differ in what analysis ignores (layer
 * positions, training settings, runs). Commands keep unchanged records by
 * reference, so this is a cheap identity walk; it lets a drag reuse the analysis.
 */
export function sameStructure(a: Doc, b: Doc): boolean {
  if (a === b) return true;
  if (a.edges !== b.edges || a.dataset !== b.dataset || a.layers.length !== b.layers.length) return false;
  return a.layers.every((la, i) => {
    const lb = b.layers[i]!;
    return (
      la === lb || (la.id === lb.id && la.kind === lb.kind && la.name === lb.name && la.params === lb.params)
    );
  });
}

/** Analysis of `doc`, reusing `prev` when only positions or settings changed. */
export function analysisFor(prev: { doc: Doc; analysis: Analysis } | null, doc: Doc): Analysis {
  if (prev && sameStructure(prev.doc, doc)) return prev.analysis;
  return analyze(doc);
}
