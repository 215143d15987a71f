import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { Doc } from '../graph/document';
import { incomingByTarget } from '../graph/queries';
import { isHeadLayer, specOf } from '../layers/registry';

/** Structural problems: unknown kinds, dangling edges, input counts, missing ends, stray layers. */
export function checkStructure(doc: Doc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Set(doc.layers.map((l) => l.id));
  for (const e of doc.edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) {
      out.push(diagnostic('graph/bad-edge', 'error', { kind: 'edge', edgeId: e.id }, { id: e.id }));
    }
  }
  const incoming = incomingByTarget(doc);
  for (const layer of doc.layers) {
    const spec = specOf(layer.kind);
    const node = { kind: 'node' as const, nodeId: layer.id };
    if (!spec) {
      out.push(diagnostic('graph/unknown-kind', 'error', node, { layer: layer.name, kind: layer.kind }));
      continue;
    }
    const n = incoming.get(layer.id)?.length ?? 0;
    if (n < spec.inputs.min && spec.inputs.max === 1) {
      out.push(diagnostic('graph/missing-input', 'error', { ...node, port: 0 }, { layer: layer.name }));
    } else if (n < spec.inputs.min || n > spec.inputs.max) {
      out.push(
        diagnostic('graph/input-count', 'error', node, {
          layer: layer.name,
          count: n,
          min: spec.inputs.min,
          max: spec.inputs.max,
        }),
      );
    }
  }
  out.push(...checkEnds(doc));
  return out;
}

/** One Input and one Output are required; layers off every input-to-output path are flagged. */
function checkEnds(doc: Doc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const inputs = doc.layers.filter((l) => l.kind === 'input');
  const outputs = doc.layers.filter(isHeadLayer);
  if (inputs.length === 0) out.push(diagnostic('graph/no-input', 'error', { kind: 'document' }));
  if (outputs.length === 0) out.push(diagnostic('graph/no-output', 'error', { kind: 'document' }));
  for (const extra of outputs.slice(1)) {
    out.push(diagnostic('graph/multiple-outputs', 'error', { kind: 'node', nodeId: extra.id }, { layer: extra.name }));
  }
  if (inputs.length === 0 || outputs.length === 0) return out;
  const forward = reachable(doc, inputs.map((l) => l.id), 'source', 'target');
  const unreached = outputs.filter((o) => !forward.has(o.id));
  if (unreached.length > 0) {
    // Nothing is on an input-to-output path, so there is no model to train: an error, not warnings.
    for (const o of unreached) {
      out.push(diagnostic('graph/output-unreachable', 'error', { kind: 'node', nodeId: o.id }, { layer: o.name }));
    }
    return out;
  }
  const backward = reachable(doc, outputs.map((l) => l.id), 'target', 'source');
  for (const l of doc.layers) {
    if (!forward.has(l.id) || !backward.has(l.id)) {
      out.push(diagnostic('graph/disconnected', 'warning', { kind: 'node', nodeId: l.id }, { layer: l.name }));
    }
  }
  return out;
}

function reachable(doc: Doc, start: string[], from: 'source' | 'target', to: 'source' | 'target'): Set<string> {
  const seen = new Set<string>(start);
  const stack = [...start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const e of doc.edges) {
      if (e[from] === id && !seen.has(e[to])) {
        seen.add(e[to]);
        stack.push(e[to]);
      }
    }
  }
  return seen;
}
