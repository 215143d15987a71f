import { err, ok } from '../util/result';
import type { CommandResult } from './commands';
import type { BlockRecord, Doc } from './document';

/** Why a block command was refused. */
export type BlockErrorCode = 'block-too-small' | 'already-in-block' | 'unknown-block';

const refuse = (code: BlockErrorCode, values: Record<string, string | number>): CommandResult =>
  err({ code, values });

/** The document with `blocks` set; an empty list is left out, as in files from before blocks. */
function withBlocks(doc: Doc, blocks: readonly BlockRecord[]): Doc {
  const { blocks: _old, ...rest } = doc;
  return blocks.length > 0 ? { ...rest, blocks: [...blocks] } : rest;
}

/**
 * Groups layers `ids` (at least two, none already in a block) into a new named block,
 * collapsed into one node. The block id `block.id` must be new (ids are passed in).
 */
export function groupLayers(
  doc: Doc,
  ids: readonly string[],
  block: { id: string; name: string },
): CommandResult {
  const chosen = new Set(ids);
  const members = doc.layers.filter((l) => chosen.has(l.id));
  if (members.length < 2) return refuse('block-too-small', { count: members.length });
  const inBlock = members.find((l) => l.block !== null);
  if (inBlock) return refuse('already-in-block', { name: inBlock.name });
  const blocks = doc.blocks ?? [];
  if (blocks.some((b) => b.id === block.id)) return err({ code: 'duplicate-id', values: { id: block.id } });
  const layers = doc.layers.map((l) => (chosen.has(l.id) ? { ...l, block: block.id } : l));
  return ok(withBlocks({ ...doc, layers }, [...blocks, { id: block.id, name: block.name, collapsed: true }]));
}

/** Dissolves a block: its layers stay where they are, in no block. */
export function ungroupBlock(doc: Doc, blockId: string): CommandResult {
  const blocks = doc.blocks ?? [];
  if (!blocks.some((b) => b.id === blockId)) return refuse('unknown-block', { id: blockId });
  const layers = doc.layers.map((l) => (l.block === blockId ? { ...l, block: null } : l));
  return ok(
    withBlocks(
      { ...doc, layers },
      blocks.filter((b) => b.id !== blockId),
    ),
  );
}

/** Collapses a block into one node, or expands it back into its layers. */
export function setBlockCollapsed(doc: Doc, blockId: string, collapsed: boolean): CommandResult {
  const blocks = doc.blocks ?? [];
  if (!blocks.some((b) => b.id === blockId)) return refuse('unknown-block', { id: blockId });
  return ok(
    withBlocks(
      doc,
      blocks.map((b) => (b.id === blockId ? { ...b, collapsed } : b)),
    ),
  );
}

/** Renames a block. */
export function renameBlock(doc: Doc, blockId: string, name: string): CommandResult {
  const blocks = doc.blocks ?? [];
  if (!blocks.some((b) => b.id === blockId)) return refuse('unknown-block', { id: blockId });
  return ok(
    withBlocks(
      doc,
      blocks.map((b) => (b.id === blockId ? { ...b, name } : b)),
    ),
  );
}

/** A block id not used in `doc`: `block-1`, `block-2`... */
export function newBlockId(doc: Pick<Doc, 'blocks'>): string {
  const used = new Set((doc.blocks ?? []).map((b) => b.id));
  for (let i = 1; ; i++) if (!used.has(`block-${i}`)) return `block-${i}`;
}
