import { useSyncExternalStore } from 'react';
import type { BlockFragment } from '../../src/graph/block-library';
import {
  addMyBlock,
  MY_BLOCKS_STORAGE_KEY,
  readMyBlocks,
  removeMyBlock,
  writeMyBlocks,
  type MyBlocksRead,
} from '../../src/graph/my-blocks';

/** Fired on window after this page changes the list (the storage event only reaches other pages). */
const CHANGED = 'layerloom:my-blocks-changed';

/** The browser's localStorage, or null where it is missing or access throws. */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readText(): string | null {
  try {
    return storage()?.getItem(MY_BLOCKS_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Parsed lists by their stored text, so a snapshot is stable while the text is unchanged. */
let cache: { text: string | null; read: MyBlocksRead } | null = null;

function snapshot(): MyBlocksRead {
  const text = readText();
  if (!cache || cache.text !== text) {
    const read = readMyBlocks(text);
    if (read.problem) console.warn(`My blocks (localStorage "${MY_BLOCKS_STORAGE_KEY}"): ${read.problem}`);
    cache = { text, read };
  }
  return cache.read;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** Stores the list; false when the browser refuses (no storage, quota). */
function store(blocks: readonly BlockFragment[]): boolean {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(MY_BLOCKS_STORAGE_KEY, writeMyBlocks(blocks));
  } catch {
    return false;
  }
  window.dispatchEvent(new Event(CHANGED));
  return true;
}

/** The user's saved blocks (valid entries only), kept up to date. */
export function useMyBlocks(): readonly BlockFragment[] {
  return useSyncExternalStore(subscribe, snapshot, snapshot).blocks;
}

/** The saved blocks now (outside React). */
export const currentMyBlocks = (): readonly BlockFragment[] => snapshot().blocks;

/** Adds a block to the saved list; false when it could not be stored. */
export const saveMyBlock = (block: BlockFragment): boolean => store(addMyBlock(snapshot().blocks, block));

/** Deletes a saved block; false when it could not be stored. */
export const deleteMyBlock = (id: string): boolean => store(removeMyBlock(snapshot().blocks, id));
