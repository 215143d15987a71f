import { analyze } from '../analysis/analyze';
import {
  DEFAULT_TRAINING,
  type DatasetRef,
  type Doc,
  type EdgeRecord,
  type LayerRecord,
} from '../graph/document';
import type { ParamValue } from '../layers/spec';
import { err, ok, type Result } from '../util/result';
import { camelConfig, KERAS_MAPPERS } from './import-keras-layers';

/** A problem found while importing: a stable code, the layer (and class) it concerns, a message. */
export interface ImportProblem {
  code:
    | 'import/not-a-model'
    | 'import/unknown-class'
    | 'import/unsupported-config'
    | 'import/no-input'
    | 'import/bad-graph';
  severity: 'error' | 'warning';
  layer?: string;
  className?: string;
  message: string;
}

/** One layer of a topology, normalized: name, class, camelCase config, inbound layer names in order. */
interface RawLayer {
  name: string;
  className: string;
  config: Record<string, unknown>;
  inbound: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const problem = (
  code: ImportProblem['code'],
  message: string,
  extra: Partial<ImportProblem> = {},
): ImportProblem => ({ code, severity: 'error', message, ...extra });

/** The Keras model config inside a model.json, a modelTopology, or a bare model config. */
function modelConfigOf(json: unknown): Obj | null {
  let v = json;
  if (isObj(v) && 'modelTopology' in v) v = v.modelTopology;
  if (isObj(v) && isObj(v.model_config)) v = v.model_config;
  return isObj(v) && typeof (v.class_name ?? v.className) === 'string' ? v : null;
}

/** Inbound layer names of a functional layer (Keras 2 nested lists or Keras 3 keras_history). */
function inboundOf(l: Obj): string[] {
  const nodes = l.inbound_nodes ?? l.inboundNodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  const node = nodes[0] as unknown;
  if (Array.isArray(node)) return node.map((t) => String((t as unknown[])[0]));
  const args = isObj(node) && Array.isArray(node.args) ? node.args : [];
  const tensors = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  return tensors.flatMap((t) =>
    isObj(t) && isObj(t.config) && Array.isArray(t.config.keras_history)
      ? [String(t.config.keras_history[0])]
      : [],
  );
}

/** The layers of a Sequential or functional config, in file order. */
function rawLayers(model: Obj): RawLayer[] {
  const cls = String(model.class_name ?? model.className);
  const cfg = model.config;
  const list = (
    Array.isArray(cfg) ? cfg : isObj(cfg) && Array.isArray(cfg.layers) ? cfg.layers : []
  ) as unknown[];
  const out: RawLayer[] = [];
  list.forEach((entry, i) => {
    if (!isObj(entry)) return;
    const config = camelConfig(entry.config);
    const name = String(entry.name ?? config.name ?? `layer_${i}`);
    const className = String(entry.class_name ?? entry.className);
    const inbound =
      cls === 'Sequential' ? (out.length > 0 ? [out[out.length - 1]!.name] : []) : inboundOf(entry);
    out.push({ name, className, config, inbound });
  });
  return out;
}

/** The example shape declared by an InputLayer or by the first layer (batchInputShape). */
function inputShapeOf(l: RawLayer): number[] | null {
  const s = (l.config.batchInputShape ?? l.config.batchShape) as unknown;
  if (!Array.isArray(s) || s.length < 2) return null;
  const dims = s.slice(1);
  return dims.every((d) => typeof d === 'number' && d > 0) ? (dims as number[]) : null;
}

function inputLayer(id: string, shape: number[]): LayerRecord {
  const params: Record<string, ParamValue> =
    shape.length === 3
      ? { source: 'dataset', layout: 'image', height: shape[0]!, width: shape[1]!, channels: shape[2]! }
      : { source: 'dataset', layout: 'vector', size: shape[0]! };
  return { id, kind: 'input', name: id, params, position: { x: 0, y: 0 }, block: null };
}

/** Fashion-MNIST when the shapes fit it; otherwise an unbound imported set carrying shape and classes. */
function datasetFor(shape: number[], classes: number): DatasetRef {
  if (shape.join() === '28,28,1' && classes === 10) return { kind: 'builtin', id: 'fashion-mnist' };
  return {
    kind: 'imported',
    id: 'from-model-json',
    name: 'none (imported model)',
    inputShape: shape,
    classes,
  };
}

/** Positions top-down by longest-path depth from the input, each row centred. */
function layOut(layers: LayerRecord[], edges: EdgeRecord[]): void {
  const depth = new Map<string, number>();
  for (const l of layers) {
    const ins = edges.filter((e) => e.target === l.id).map((e) => depth.get(e.source) ?? 0);
    depth.set(l.id, ins.length === 0 ? 0 : Math.max(...ins) + 1);
  }
  const rows = new Map<number, LayerRecord[]>();
  for (const l of layers) rows.set(depth.get(l.id)!, [...(rows.get(depth.get(l.id)!) ?? []), l]);
  for (const [d, row] of rows)
    row.forEach((l, i) => (l.position = { x: (i - (row.length - 1) / 2) * 240, y: d * 110 }));
}

/**
 * Imports a tfjs/Keras model.json (a whole model.json, its modelTopology, or a bare
 * Sequential/functional config, snake_case or camelCase) as a new document: one layer per
 * Keras layer (layer ids = Keras names), the input from the InputLayer or the first
 * layer's batch input shape, an Output head appended after the model's output, laid out
 * top-down by topological depth. Weights are not imported. Unknown classes and configs
 * the app cannot express are errors naming the layer and class. Pure.
 */
export function importModelJson(
  json: unknown,
): Result<{ doc: Doc; warnings: ImportProblem[] }, ImportProblem[]> {
  const model = modelConfigOf(json);
  if (!model)
    return err([problem('import/not-a-model', 'not a Keras/tfjs model: no modelTopology or class_name')]);
  const raw = rawLayers(model);
  const problems: ImportProblem[] = [];
  const first = raw[0];
  const shape = first ? inputShapeOf(first) : null;
  if (!first || !shape)
    return err([problem('import/no-input', 'the model declares no input shape (batch_input_shape)')]);
  const hasInputLayer = first.className === 'InputLayer';
  const inputId = hasInputLayer ? first.name : 'input';
  const layers: LayerRecord[] = [inputLayer(inputId, shape)];
  const edges: EdgeRecord[] = [];
  const wire = (source: string, target: string, port: number) =>
    edges.push({ id: `e${edges.length + 1}`, source, target, targetPort: port });
  const axisChecks: AxisCheck[] = [];
  for (const l of raw) {
    if (l.className === 'InputLayer') continue;
    const map = KERAS_MAPPERS[l.className];
    if (!map) {
      problems.push(
        problem(
          'import/unknown-class',
          `layer '${l.name}': class ${l.className} has no Layerloom equivalent`,
          { layer: l.name, className: l.className },
        ),
      );
      continue;
    }
    const m = map(l.config);
    if (!m.ok)
      problems.push(
        problem('import/unsupported-config', `layer '${l.name}' (${l.className}): ${m.reason}`, {
          layer: l.name,
          className: l.className,
        }),
      );
    else {
      if (m.lastAxis !== undefined)
        axisChecks.push({ layer: l.name, className: l.className, axis: m.lastAxis });
      layers.push({
        id: l.name,
        kind: m.kind,
        name: l.name,
        params: m.params,
        position: { x: 0, y: 0 },
        block: null,
      });
    }
    const inbound = l.inbound.length > 0 || hasInputLayer ? l.inbound : [inputId];
    inbound.forEach((src, port) => wire(src, l.name, port));
  }
  if (problems.length > 0) return err(problems);
  const outName = outputName(model, raw);
  const last = raw.find((l) => l.name === outName);
  if (!last || outName === inputId)
    return err([problem('import/bad-graph', 'the model has no output layer')]);
  const headId = layers.some((l) => l.id === 'output') ? 'output_head' : 'output';
  layers.push({
    id: headId,
    kind: 'output',
    name: headId,
    params: {},
    position: { x: 0, y: 0 },
    block: null,
  });
  wire(outName, headId, 0);
  const known = new Set(layers.map((l) => l.id));
  const dangling = edges.find((e) => !known.has(e.source));
  if (dangling)
    return err([
      problem(
        'import/bad-graph',
        `layer '${dangling.target}' reads '${dangling.source}', which is not in the model`,
        { layer: dangling.target },
      ),
    ]);
  layOut(layers, edges);
  const warnings: ImportProblem[] = [];
  if (last.config.activation === 'softmax' || last.className === 'Softmax') {
    warnings.push({
      ...problem(
        'import/unsupported-config',
        `layer '${outName}' ends in softmax; the Output head applies softmax itself, so consider 'linear'`,
        { layer: outName },
      ),
      severity: 'warning',
    });
  }
  const name = String(isObj(model.config) ? (model.config.name ?? 'Imported model') : 'Imported model');
  const draft: Doc = {
    name,
    layers,
    edges,
    training: DEFAULT_TRAINING,
    dataset: datasetFor(shape, 0),
    runs: [],
  };
  // The class count is whatever the model's output has: infer it with our own analysis.
  const analysis = analyze(draft);
  const axisProblems = checkAxes(axisChecks, edges, analysis.shapes);
  if (axisProblems.length > 0) return err(axisProblems);
  const classes = Number(analysis.shapes.get(outName)?.[1] ?? 0);
  return ok({ doc: { ...draft, dataset: datasetFor(shape, classes) }, warnings });
}

/** A layer that must work on its input's last axis, given as `axis`. */
interface AxisCheck {
  layer: string;
  className: string;
  axis: number;
}

/** Problems of layers whose axis is not their input's last (Keras writes it as -1 or rank - 1). */
function checkAxes(
  checks: readonly AxisCheck[],
  edges: readonly EdgeRecord[],
  shapes: ReadonlyMap<string, readonly (number | null)[]>,
): ImportProblem[] {
  return checks.flatMap((c) => {
    const source = edges.find((e) => e.target === c.layer)?.source;
    const rank = source ? shapes.get(source)?.length : undefined;
    if (rank === undefined || c.axis === rank - 1) return [];
    return [
      problem(
        'import/unsupported-config',
        `layer '${c.layer}' (${c.className}): axis ${c.axis} is not the last axis of its rank-${rank} input; only the last axis is supported`,
        { layer: c.layer, className: c.className },
      ),
    ];
  });
}

/** The name of the model's output layer: output_layers of a functional model, else the last layer. */
function outputName(model: Obj, raw: RawLayer[]): string {
  const cfg = model.config;
  const outs = isObj(cfg) ? (cfg.output_layers ?? cfg.outputLayers) : undefined;
  if (Array.isArray(outs) && outs.length > 0) {
    const o = outs[0] as unknown;
    return String(Array.isArray(o) ? o[0] : outs[0]);
  }
  return raw[raw.length - 1]?.name ?? '';
}
