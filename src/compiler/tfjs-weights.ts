import { err, ok, type Result } from '../util/result';
import type { ModelPlan, PlanNode } from './plan';

/** One float32 weight as tfjs names it (`<layer>/<weight>`, e.g. 'conv1/kernel'). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** A weight with its values. */
export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Weights as they cross a boundary (worker message, sidecar file): the specs in order and
 * one buffer with every tensor's float32 values back to back, in the same order.
 */
export interface WeightSet {
  specs: WeightSpec[];
  data: ArrayBuffer;
}

/** One group of a tfjs weightsManifest: the files holding it and its weights in file order. */
export interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Packs named tensors into a WeightSet (copies: the set owns its buffer, so it can be transferred). */
export function packWeightSet(tensors: readonly NamedTensor[]): WeightSet {
  const data = new Float32Array(tensors.reduce((n, t) => n + t.values.length, 0));
  let offset = 0;
  for (const t of tensors) {
    data.set(t.values, offset);
    offset += t.values.length;
  }
  return {
    specs: tensors.map((t) => ({ name: t.name, shape: [...t.shape], dtype: 'float32' })),
    data: data.buffer,
  };
}

/** The tensors of a WeightSet (views into its buffer), or why the buffer does not hold them. */
export function unpackWeightSet(set: WeightSet): Result<NamedTensor[], string> {
  const out: NamedTensor[] = [];
  let offset = 0;
  for (const s of set.specs) {
    const size = sizeOf(s.shape);
    if ((offset + size) * 4 > set.data.byteLength)
      return err(`weight '${s.name}' runs past the end of the data (${set.data.byteLength} bytes)`);
    out.push({ name: s.name, shape: [...s.shape], values: new Float32Array(set.data, offset * 4, size) });
    offset += size;
  }
  return ok(out);
}

/**
 * Decodes the weights a tfjs weightsManifest describes from the bytes of its files
 * (`files` by path as the manifest names them). Only float32 (and int32, converted)
 * unquantized weights are read. Errors name the weight or the missing file.
 */
export function decodeManifest(
  manifest: readonly ManifestGroup[],
  files: ReadonlyMap<string, Uint8Array>,
): Result<NamedTensor[], string> {
  const out: NamedTensor[] = [];
  for (const group of manifest) {
    const parts: Uint8Array[] = [];
    for (const p of group.paths) {
      const bytes = files.get(p);
      if (!bytes) return err(`the weights file '${p}' was not provided`);
      parts.push(bytes);
    }
    const all = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
    parts.reduce((at, b) => (all.set(b, at), at + b.length), 0);
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization) return err(`weight '${w.name}' is quantized, which is not supported`);
      if (w.dtype !== 'float32' && w.dtype !== 'int32')
        return err(`weight '${w.name}' has dtype ${w.dtype}; only float32 is supported`);
      const size = sizeOf(w.shape);
      if (offset + size * 4 > all.length)
        return err(`weight '${w.name}' runs past the end of '${group.paths.join(', ')}'`);
      const bytes = all.slice(offset, offset + size * 4);
      const values =
        w.dtype === 'float32'
          ? new Float32Array(bytes.buffer)
          : Float32Array.from(new Int32Array(bytes.buffer));
      out.push({ name: w.name, shape: [...w.shape], values });
      offset += size * 4;
    }
  }
  return ok(out);
}

/** One manifest group over one file holding the tensors in order, and that file's bytes. */
export function encodeManifest(
  tensors: readonly NamedTensor[],
  path: string,
): { manifest: ManifestGroup[]; bytes: Uint8Array } {
  const set = packWeightSet(tensors);
  return { manifest: [{ paths: [path], weights: set.specs }], bytes: new Uint8Array(set.data) };
}

const last = (shape: readonly (number | null)[]): number => Number(shape[shape.length - 1] ?? 0);

/** The weights tfjs creates for one node, in its order (kernel, bias; gamma, beta, moving statistics). */
function nodeWeights(node: PlanNode, inputChannels: number): WeightSpec[] {
  const c = node.config;
  const spec = (suffix: string, shape: number[]): WeightSpec => ({
    name: `${node.id}/${suffix}`,
    shape,
    dtype: 'float32',
  });
  const k = Array.isArray(c.kernelSize)
    ? (c.kernelSize as number[])
    : [Number(c.kernelSize), Number(c.kernelSize)];
  const bias = (n: number): WeightSpec[] => (c.useBias === false ? [] : [spec('bias', [n])]);
  switch (node.className) {
    case 'Conv2D':
      return [spec('kernel', [k[0]!, k[1]!, inputChannels, Number(c.filters)]), ...bias(Number(c.filters))];
    case 'DepthwiseConv2D': {
      const m = Number(c.depthMultiplier ?? 1);
      return [spec('depthwise_kernel', [k[0]!, k[1]!, inputChannels, m]), ...bias(inputChannels * m)];
    }
    case 'Dense':
      return [spec('kernel', [inputChannels, Number(c.units)]), ...bias(Number(c.units))];
    case 'BatchNormalization':
    case 'LayerNormalization': {
      const out = [
        ...(c.scale === false ? [] : [spec('gamma', [inputChannels])]),
        ...(c.center === false ? [] : [spec('beta', [inputChannels])]),
      ];
      if (node.className === 'BatchNormalization')
        out.push(spec('moving_mean', [inputChannels]), spec('moving_variance', [inputChannels]));
      return out;
    }
    default:
      return [];
  }
}

/** Every weight the model of a plan has, with its shape, in the plan's node order (pure). */
export function planWeights(plan: ModelPlan): WeightSpec[] {
  const shapes = new Map<string, readonly (number | null)[]>([[plan.inputId, [null, ...plan.inputShape]]]);
  const out: WeightSpec[] = [];
  for (const node of plan.nodes) {
    const input = shapes.get(node.inputs[0] ?? '') ?? [];
    out.push(...nodeWeights(node, last(input)));
    shapes.set(node.id, node.outputShape);
  }
  return out;
}

/**
 * The layer a weight name belongs to, among `layers`: tfjs names weights `<layer>/<weight>`,
 * sometimes under scopes ('sequential/conv2d/kernel'), so the longest known layer path wins.
 */
function splitWeightName(
  name: string,
  layers: ReadonlySet<string>,
): { layer: string; suffix: string } | null {
  const parts = name.split('/');
  for (let start = 0; start < parts.length - 1; start++) {
    for (let end = parts.length - 1; end > start; end--) {
      const layer = parts.slice(start, end).join('/');
      if (layers.has(layer)) return { layer, suffix: parts.slice(end).join('/') };
    }
  }
  return null;
}

/**
 * Matches weights read from a model.json to the weights of a plan (whose node ids are the
 * imported layer names): every plan weight must be present with its shape. Returns them
 * renamed to the plan's names, in the plan's order; errors name the layer and weight.
 */
export function matchWeights(
  plan: ModelPlan,
  tensors: readonly NamedTensor[],
): Result<NamedTensor[], string> {
  const layers = new Set(plan.nodes.map((n) => n.id));
  const byName = new Map<string, NamedTensor>();
  for (const t of tensors) {
    const at = splitWeightName(t.name, layers);
    if (!at) return err(`weight '${t.name}' belongs to no layer of the model`);
    byName.set(`${at.layer}/${at.suffix.replace(/_\d+$/, '')}`, t);
  }
  const out: NamedTensor[] = [];
  for (const want of planWeights(plan)) {
    const [layer] = want.name.split('/');
    const got = byName.get(want.name);
    if (!got) return err(`layer '${layer}': weight '${want.name}' is missing from the weights`);
    if (got.shape.join('x') !== want.shape.join('x'))
      return err(
        `layer '${layer}': weight '${want.name}' has shape [${got.shape.join(', ')}], the layer needs [${want.shape.join(', ')}]`,
      );
    out.push({ name: want.name, shape: want.shape, values: got.values });
  }
  return ok(out);
}
