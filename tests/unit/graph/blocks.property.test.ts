import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupLayers,
  newBlockId,
  renameBlock,
  setBlockCollapsed,
  ungroupBlock,
} from '../../../src/graph/blocks';
import { addLayer, type CommandResult } from '../../../src/graph/commands';
import { documentSchema, type Doc } from '../../../src/graph/document';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { emptyDoc, template } from '../core/doc-helpers';

const must = (r: CommandResult): Doc => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/** A document of `n` unwired layers of assorted kinds. */
function docOf(kinds: string[]): Doc {
  return kinds.reduce(
    (d, kind, i) => must(addLayer(d, { id: `l${i}`, kind, position: { x: i * 10, y: i * 80 } })),
    emptyDoc(),
  );
}

const kindsArb = fc.array(fc.constantFrom('dense', 'conv2d', 'activation', 'flatten', 'dropout'), {
  minLength: 2,
  maxLength: 12,
});

describe('blocks', () => {
  it('grouping then ungrouping returns the same document (property)', () => {
    fc.assert(
      fc.property(
        kindsArb,
        fc.array(fc.nat(11), { minLength: 2, maxLength: 8 }),
        fc.string(),
        (kinds, picks, name) => {
          const doc = docOf(kinds);
          const ids = [...new Set(picks.map((p) => `l${p % kinds.length}`))];
          fc.pre(ids.length >= 2);
          const id = newBlockId(doc);
          const grouped = must(groupLayers(doc, ids, { id, name }));
          expect(grouped.blocks).toEqual([{ id, name, collapsed: true }]);
          expect(
            grouped.layers
              .filter((l) => l.block === id)
              .map((l) => l.id)
              .sort(),
          ).toEqual([...ids].sort());
          // Collapse and expand in between changes nothing either.
          const toggled = must(setBlockCollapsed(must(setBlockCollapsed(grouped, id, false)), id, true));
          expect(toggled).toEqual(grouped);
          expect(must(ungroupBlock(toggled, id))).toEqual(doc);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('works on a real template with wires, and round-trips through a project file', () => {
    const doc = template('lenet-bn');
    const ids = doc.layers.slice(1, 4).map((l) => l.id);
    const grouped = must(
      renameBlock(must(groupLayers(doc, ids, { id: 'block-1', name: 'Stem' })), 'block-1', 'Stem 1'),
    );
    const back = parseProject(serializeProject(grouped, 'test'));
    expect(back.ok && back.value.doc.blocks).toEqual([{ id: 'block-1', name: 'Stem 1', collapsed: true }]);
    expect(back.ok && back.value.doc.layers.filter((l) => l.block === 'block-1').length).toBe(3);
    expect(must(ungroupBlock(grouped, 'block-1'))).toEqual(doc);
    // Files without blocks stay without the field.
    expect(serializeProject(doc, 'test')).not.toContain('"blocks"');
    expect(documentSchema.parse(JSON.parse(JSON.stringify(doc))).blocks).toBeUndefined();
  });

  it('refuses fewer than two layers, layers already in a block, and unknown blocks', () => {
    const doc = docOf(['dense', 'dense', 'dense']);
    const one = groupLayers(doc, ['l0'], { id: 'b', name: 'x' });
    expect(!one.ok && one.error.code).toBe('block-too-small');
    const grouped = must(groupLayers(doc, ['l0', 'l1'], { id: 'b', name: 'x' }));
    const again = groupLayers(grouped, ['l1', 'l2'], { id: 'c', name: 'y' });
    expect(!again.ok && again.error.code).toBe('already-in-block');
    const missing = ungroupBlock(grouped, 'zz');
    expect(!missing.ok && missing.error.code).toBe('unknown-block');
    expect(newBlockId(grouped)).toBe('block-1');
  });
});
