import type { Doc, EdgeRecord, LayerRecord } from './document';

/** Edges grouped by target node id, each list sorted by port. */
export function incomingByTarget(doc: Pick<Doc, 'edges'>): Map<string, EdgeRecord[]> {
  const out = new Map<string, EdgeRecord[]>();
  for (const e of doc.edges) {
    const list = out.get(e.target) ?? [];
    list.push(e);
    out.set(e.target, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.targetPort - b.targetPort);
  return out;
}

/** Layers by id. */
export const layersById = (doc: Pick<Doc, 'layers'>): Map<string, LayerRecord> =>
  new Map(doc.layers.map((l) => [l.id, l]));

/** A topological order of the layers, or a cycle (ids along it, first repeated at the end). */
export type TopoResult = { ok: true; order: string[] } | { ok: false; cycle: string[] };

/** Orders layers so every edge goes forward; stable by document order. */
export function topoOrder(doc: Pick<Doc, 'layers' | 'edges'>): TopoResult {
  const ids = doc.layers.map((l) => l.id);
  const known = new Set(ids);
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of doc.edges) {
    if (!known.has(e.source) || !known.has(e.target)) continue;
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    next.get(e.source)!.push(e.target);
  }
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    for (const t of next.get(id)!) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  if (order.length === ids.length) return { ok: true, order };
  return { ok: false, cycle: findCycle(ids.filter((id) => indegree.get(id)! > 0), doc.edges) };
}

/**
 * Every node left after Kahn's algorithm has a predecessor that is also left, so
 * walking backwards must repeat a node: the walk from there is a cycle.
 */
function findCycle(remaining: string[], edges: Pick<EdgeRecord, 'source' | 'target'>[]): string[] {
  const left = new Set(remaining);
  const path: string[] = [];
  const seen = new Map<string, number>();
  let cur = remaining[0]!;
  while (!seen.has(cur)) {
    seen.set(cur, path.length);
    path.push(cur);
    cur = edges.find((e) => e.target === cur && left.has(e.source))!.source;
  }
  return [...path.slice(seen.get(cur)!), cur].reverse();
}

/** True when `to` can be reached from `from` along edges. */
export function reaches(doc: Pick<Doc, 'edges'>, from: string, to: string): boolean {
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of doc.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}
