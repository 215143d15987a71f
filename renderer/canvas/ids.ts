import type { Doc } from '../../src/graph/document';

/** A layer id not used in `doc`: the kind and the lowest free number, e.g. `conv2d-1`. */
export function newLayerId(doc: Pick<Doc, 'layers'>, kind: string): string {
  const used = new Set(doc.layers.map((l) => l.id));
  for (let i = 1; ; i++) if (!used.has(`${kind}-${i}`)) return `${kind}-${i}`;
}

/** An edge id not used in `doc`, readable from its ends. */
export function newEdgeId(doc: Pick<Doc, 'edges'>, source: string, target: string, port: number): string {
  const used = new Set(doc.edges.map((e) => e.id));
  const base = `${source}->${target}:${port}`;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}#${i}`)) return `${base}#${i}`;
}
