import { describe, expect, it } from 'vitest';
import { EXAMPLE_BLOCKS } from '../../../src/graph/block-library';
import {
  addMyBlock,
  newMyBlockId,
  readMyBlocks,
  removeMyBlock,
  writeMyBlocks,
} from '../../../src/graph/my-blocks';

const mine = { ...EXAMPLE_BLOCKS[0]!, id: 'user-1', name: 'My VGG' };

describe('my blocks store', () => {
  it('round-trips a list through its stored text', () => {
    const list = addMyBlock(addMyBlock([], mine), { ...mine, id: 'user-2', name: 'Other' });
    const back = readMyBlocks(writeMyBlocks(list));
    expect(back.problem).toBeNull();
    expect(back.blocks).toEqual(list);
    expect(removeMyBlock(list, 'user-1').map((b) => b.id)).toEqual(['user-2']);
  });

  it('reads nothing stored as an empty list without a problem', () => {
    expect(readMyBlocks(null)).toEqual({ blocks: [], problem: null });
  });

  it('tolerates corrupt storage, naming the place', () => {
    expect(readMyBlocks('{not json')).toEqual({ blocks: [], problem: '$: not JSON' });
    const foreign = readMyBlocks(JSON.stringify({ format: 'other', version: 1, blocks: [] }));
    expect(foreign.blocks).toEqual([]);
    expect(foreign.problem).toMatch(/^\$\.format: /);
    const newer = readMyBlocks(
      JSON.stringify({ format: 'layerloom-my-blocks', version: 99, blocks: [mine] }),
    );
    expect(newer.blocks).toEqual([]);
    expect(newer.problem).toMatch(/version: 99 is newer/);
  });

  it('skips single invalid or repeated entries and keeps the rest', () => {
    const broken = { ...mine, id: 'user-3', clip: { ...mine.clip, layers: [{ id: 5 }] } };
    const text = JSON.stringify({ format: 'layerloom-my-blocks', version: 1, blocks: [mine, broken, mine] });
    const r = readMyBlocks(text);
    expect(r.blocks.map((b) => b.id)).toEqual(['user-1']);
    expect(r.problem).toContain('$.blocks[1].clip.layers[0]');
    expect(r.problem).toContain('$.blocks[2].id: duplicate id user-1');
  });

  it('makes ids that do not clash', () => {
    expect(newMyBlockId([], 35)).toBe('user-z');
    expect(newMyBlockId([{ ...mine, id: 'user-z' }], 35)).toBe('user-z-2');
  });
});
