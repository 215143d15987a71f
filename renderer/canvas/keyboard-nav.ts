import { checkConnection, type ConnectRejection } from '../../src/graph/connect-rules';
import type { Doc } from '../../src/graph/document';
import { specOf } from '../../src/layers/registry';
import type { NodeSize } from '../state/session-store';
import { NODE_SIZE_GUESS } from './drag-kind';

/** An arrow key's direction. */
export type Direction = 'up' | 'down' | 'left' | 'right';

/** The direction of an arrow key, or null for any other key. */
export function arrowDirection(key: string): Direction | null {
  const m = /^Arrow(Up|Down|Left|Right)$/.exec(key);
  return m ? (m[1]!.toLowerCase() as Direction) : null;
}

/** A point on the canvas, in flow units. */
export interface Point {
  x: number;
  y: number;
}

/** Centre of every layer, from its position and its measured size (a guess before measuring). */
export function layerCentres(
  doc: Pick<Doc, 'layers'>,
  measured: Readonly<Record<string, NodeSize>>,
): Map<string, Point> {
  return new Map(
    doc.layers.map((l) => {
      const size = measured[l.id] ?? NODE_SIZE_GUESS;
      return [l.id, { x: l.position.x + size.width / 2, y: l.position.y + size.height / 2 }];
    }),
  );
}

/**
 * The candidate nearest to `from` in a direction: among those ahead of it, the one with
 * the least distance along the direction plus twice the sideways offset (so a node
 * straight below beats a closer one far to the side). Null when none lies ahead.
 */
export function nearestInDirection(
  from: Point,
  candidates: ReadonlyMap<string, Point>,
  dir: Direction,
): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [id, p] of candidates) {
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const ahead = dir === 'down' ? dy : dir === 'up' ? -dy : dir === 'right' ? dx : -dx;
    const side = dir === 'down' || dir === 'up' ? Math.abs(dx) : Math.abs(dy);
    if (ahead <= 0.5) continue;
    const score = ahead + 2 * side;
    if (score < bestScore) [best, bestScore] = [id, score];
  }
  return best;
}

/** Whether a layer can take a wire from the source, on which port, and if not, why. */
export interface ConnectTarget {
  id: string;
  port: number;
  rejection: ConnectRejection | null;
}

/**
 * Every other layer as a target of a wire from `source`: each is tried on its first free
 * input port (port 0 when all are taken, so the rules say why), by the one connect-rules check.
 */
export function connectTargets(doc: Pick<Doc, 'layers' | 'edges'>, source: string): ConnectTarget[] {
  return doc.layers
    .filter((l) => l.id !== source)
    .map((l) => {
      const ports = specOf(l.kind)?.inputs.max ?? 1;
      const taken = new Set(doc.edges.filter((e) => e.target === l.id).map((e) => e.targetPort));
      let port = 0;
      while (port < ports && taken.has(port)) port++;
      if (port >= ports) port = 0;
      const check = checkConnection(doc, source, l.id, port);
      return { id: l.id, port, rejection: check.ok ? null : check.error };
    });
}

/**
 * The next valid target in connect mode for an arrow key: the nearest valid layer in that
 * direction, plus the nearest layer it skipped over because the rules refuse it (so its
 * reason can be announced).
 */
export function pickInDirection(
  from: Point,
  targets: readonly ConnectTarget[],
  centres: ReadonlyMap<string, Point>,
  dir: Direction,
): { target: string | null; skipped: ConnectTarget | null } {
  const pick = (list: readonly ConnectTarget[]): string | null =>
    nearestInDirection(
      from,
      new Map(list.flatMap((t) => (centres.has(t.id) ? [[t.id, centres.get(t.id)!]] : []))),
      dir,
    );
  const target = pick(targets.filter((t) => !t.rejection));
  const nearest = pick(targets);
  const skipped =
    nearest !== null && nearest !== target ? (targets.find((t) => t.id === nearest) ?? null) : null;
  return { target, skipped };
}

/** The next (or previous) valid target in document order after `current`, cycling; for Tab in connect mode. */
export function cycleTarget(
  targets: readonly ConnectTarget[],
  current: string | null,
  back: boolean,
): string | null {
  const valid = targets.filter((t) => !t.rejection).map((t) => t.id);
  if (valid.length === 0) return null;
  const i = current === null ? -1 : valid.indexOf(current);
  if (i < 0) return back ? valid[valid.length - 1]! : valid[0]!;
  return valid[(i + (back ? valid.length - 1 : 1)) % valid.length]!;
}
