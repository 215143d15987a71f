import { z } from 'zod';
import { blockFragmentSchema, type BlockFragment } from './block-library';

/** The `format` tag of the saved "My blocks" list. */
export const MY_BLOCKS_FORMAT = 'layerloom-my-blocks';

/** Version of the saved list; bumped (with a migration) when its shape changes. */
export const MY_BLOCKS_VERSION = 1;

/** Where the browser host keeps the list (localStorage key). */
export const MY_BLOCKS_STORAGE_KEY = 'layerloom.my-blocks';

const envelopeSchema = z.object({
  format: z.literal(MY_BLOCKS_FORMAT),
  version: z.number().int(),
  blocks: z.array(z.unknown()),
});

/** What reading the stored list gave: the valid blocks and, when some were not, why (with a JSON path). */
export interface MyBlocksRead {
  blocks: BlockFragment[];
  /** Null when everything read cleanly (or nothing was stored). */
  problem: string | null;
}

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${String(p)}`), '$');

/**
 * Reads the stored list. Never throws: corrupt JSON, a foreign or newer format yields
 * no blocks; single invalid entries are skipped. Either way `problem` names the place.
 */
export function readMyBlocks(text: string | null): MyBlocksRead {
  if (text === null || text === '') return { blocks: [], problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { blocks: [], problem: '$: not JSON' };
  }
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) {
    const issue = env.error.issues[0];
    return { blocks: [], problem: `${pathOf(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}` };
  }
  if (env.data.version > MY_BLOCKS_VERSION) {
    return { blocks: [], problem: `$.version: ${env.data.version} is newer than ${MY_BLOCKS_VERSION}` };
  }
  const blocks: BlockFragment[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  env.data.blocks.forEach((item, i) => {
    const r = blockFragmentSchema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      problems.push(`${pathOf(['blocks', i, ...(issue?.path ?? [])])}: ${issue?.message ?? 'invalid'}`);
    } else if (seen.has(r.data.id)) {
      problems.push(`${pathOf(['blocks', i, 'id'])}: duplicate id ${r.data.id}`);
    } else {
      seen.add(r.data.id);
      blocks.push(r.data);
    }
  });
  return { blocks, problem: problems.length > 0 ? problems.join('; ') : null };
}

/** The stored text of a list of blocks (current format). */
export function writeMyBlocks(blocks: readonly BlockFragment[]): string {
  return JSON.stringify({ format: MY_BLOCKS_FORMAT, version: MY_BLOCKS_VERSION, blocks });
}

/** The list with `block` added at the end (replacing one with the same id). */
export function addMyBlock(blocks: readonly BlockFragment[], block: BlockFragment): BlockFragment[] {
  return [...blocks.filter((b) => b.id !== block.id), block];
}

/** The list without block `id`. */
export function removeMyBlock(blocks: readonly BlockFragment[], id: string): BlockFragment[] {
  return blocks.filter((b) => b.id !== id);
}

/** An id for a new saved block not among `blocks`: `user-<stamp>`, numbered on a clash (stamp passed in). */
export function newMyBlockId(blocks: readonly BlockFragment[], stamp: number): string {
  const used = new Set(blocks.map((b) => b.id));
  const base = `user-${stamp.toString(36)}`;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}
