import { addLayer } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { parseProject } from '../../src/project/parse';
import template from '../../assets/templates/lenet-bn.json';
import { NODE_SIZE_GUESS } from '../canvas/drag-kind';
import { layoutVertical } from '../canvas/layout';

/** Applies the vertical layout to every layer of a document. */
export function withVerticalLayout(doc: Doc): Doc {
  const positions = layoutVertical(doc);
  return { ...doc, layers: doc.layers.map((l) => ({ ...l, position: positions.get(l.id) ?? l.position })) };
}

/**
 * The document shown on launch: d2l's LeNet with batch normalization on
 * Fashion-MNIST, laid out top to bottom. The template is bundled, so a parse
 * failure is a build error and throws.
 */
export function initialDocument(): Doc {
  const r = parseProject(JSON.stringify(template));
  if (!r.ok) throw new Error(`Invariant failed: bundled template does not parse: ${JSON.stringify(r.error)}`);
  return withVerticalLayout(r.value.doc);
}

/**
 * A new network named `name`: just an Input and an Output, one above the other (so a
 * beginner starts from something that says what is missing in between rather than from
 * two errors), keeping the dataset and training settings of `from`.
 */
export function blankDocument(from: Doc, name: string): Doc {
  const { blocks: _blocks, ...rest } = from;
  let doc: Doc = { ...rest, name, layers: [], edges: [], runs: [] };
  const x = -NODE_SIZE_GUESS.width / 2;
  for (const [kind, y] of [
    ['input', 0],
    ['output', 240],
  ] as const) {
    const r = addLayer(doc, { id: kind, kind, name: kind, position: { x, y } });
    if (!r.ok) throw new Error(`Invariant failed: cannot add ${kind}: ${JSON.stringify(r.error)}`);
    doc = r.value;
  }
  return doc;
}
