import { readFileSync } from 'node:fs';
import { addLayer, connectPorts } from '../../../src/graph/commands';
import { DEFAULT_TRAINING, type Doc } from '../../../src/graph/document';
import type { ParamValue } from '../../../src/layers/spec';
import { parseProject } from '../../../src/project/parse';

/** An empty Fashion-MNIST document. */
export const emptyDoc = (): Doc => ({
  name: 'test',
  layers: [],
  edges: [],
  training: DEFAULT_TRAINING,
  dataset: { kind: 'builtin', id: 'fashion-mnist' },
  runs: [],
});

/** Builds a chain of layers `[kind, params]` wired in order; ids are `l0`, `l1`, ... */
export function chain(specs: [string, Record<string, ParamValue>?][]): Doc {
  let doc = emptyDoc();
  specs.forEach(([kind, params], i) => {
    const r = addLayer(doc, { id: `l${i}`, kind, position: { x: 0, y: i * 100 }, params });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    doc = r.value;
    if (i > 0) {
      const c = connectPorts(doc, { id: `e${i}`, source: `l${i - 1}`, target: `l${i}`, targetPort: 0 });
      if (!c.ok) throw new Error(JSON.stringify(c.error));
      doc = c.value;
    }
  });
  return doc;
}

/** A layer for `graph`: id (also its name), kind and parameters. */
export type LayerDef = [id: string, kind: string, params?: Record<string, ParamValue>];
/** A wire for `graph`: source, target and target port (0 when left out). */
export type Wire = [source: string, target: string, port?: number];

/** A document from layers and wires (wires are added in the order given). */
export function graph(layers: LayerDef[], wires: Wire[]): Doc {
  let doc = emptyDoc();
  for (const [id, kind, params] of layers) {
    const r = addLayer(doc, { id, kind, name: id, position: { x: 0, y: 0 }, params });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    doc = r.value;
  }
  wires.forEach(([source, target, port], i) => {
    const r = connectPorts(doc, { id: `w${i}`, source, target, targetPort: port ?? 0 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    doc = r.value;
  });
  return doc;
}

/** Loads a shipped template. */
export function template(id: string): Doc {
  const text = readFileSync(new URL(`../../../assets/templates/${id}.json`, import.meta.url), 'utf8');
  const r = parseProject(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.doc;
}
