import type { Shape } from '../tensor/shape';
import type { ModelPlan, PlanNode } from './plan';

/** A plan node with the shapes of its inputs (batch dimension included, as null). */
export interface ExportNode {
  node: PlanNode;
  /** A valid, unique identifier derived from the node id (Python and TypeScript). */
  ident: string;
  inputShapes: Shape[];
}

/** The plan's layers with their input shapes and identifiers, plus the input's identifier. */
export interface ExportGraph {
  plan: ModelPlan;
  inputIdent: string;
  nodes: ExportNode[];
  /** Identifier of every node id (the input included). */
  identOf: ReadonlyMap<string, string>;
}

const RESERVED = new Set([
  'x',
  'self',
  'input',
  'in',
  'for',
  'if',
  'def',
  'class',
  'return',
  'import',
  'from',
  'as',
  'is',
  'not',
  'and',
  'or',
  'lambda',
  'tf',
  'nn',
  'F',
  'torch',
  'keras',
  'layers',
  'model',
  'const',
  'let',
  'var',
  'new',
  'function',
  'None',
  'True',
  'False',
  'null',
  'true',
  'false',
  'delete',
  'default',
  'pass',
  'with',
  'yield',
  'global',
  'del',
  'try',
  'else',
  'while',
  'forward',
  'train',
  'eval',
  'apply',
  'to',
  'cuda',
  'cpu',
  'parameters',
  'modules',
  'children',
  'training',
  'state_dict',
  'float',
  'half',
  'double',
  'type',
  'zero_grad',
  'buffers',
  'add_module',
  'register_buffer',
  'bfloat16',
  'share_memory',
  'main',
  'math',
  'os',
  'sys',
  'gzip',
  'np',
  'dist',
  'argparse',
  'hashlib',
  'inputs',
  'outputs',
  'Add',
  'Flatten',
  'Reshape',
  'Conv2d',
  'Linear',
  'BatchNorm',
  'LayerNorm',
  'Activation',
  'Pool2d',
  'GlobalPool2d',
  'Concatenate',
  'activate',
]);

/** A unique identifier for `id`: letters, digits and '_', not starting with a digit or clashing. */
function identFor(id: string, taken: Set<string>): string {
  let base = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (base === '' || /^[0-9]/.test(base)) base = `l_${base}`;
  if (RESERVED.has(base)) base = `${base}_`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/** Resolves the shapes and identifiers every exporter needs from a compiled plan. */
export function exportGraph(plan: ModelPlan): ExportGraph {
  const taken = new Set<string>();
  const identOf = new Map<string, string>([[plan.inputId, identFor(plan.inputId, taken)]]);
  const shapes = new Map<string, Shape>([[plan.inputId, [null, ...plan.inputShape]]]);
  const nodes = plan.nodes.map((node) => {
    identOf.set(node.id, identFor(node.id, taken));
    const inputShapes = node.inputs.map((i) => shapes.get(i)!);
    shapes.set(node.id, node.outputShape);
    return { node, ident: identOf.get(node.id)!, inputShapes };
  });
  return { plan, inputIdent: identOf.get(plan.inputId)!, nodes, identOf };
}

/** A Python literal of a JSON-like value. */
export function py(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  const entries = Object.entries(v as Record<string, unknown>).map(
    ([k, x]) => `${JSON.stringify(k)}: ${py(x)}`,
  );
  return `{${entries.join(', ')}}`;
}

/** The first number of a `[n, n]` config pair (our layers use square windows). */
export const first = (v: unknown): number => (Array.isArray(v) ? Number(v[0]) : Number(v));

/**
 * TensorFlow's 'same' padding of one spatial axis: total = max((out − 1)·s + (k − 1)·d + 1 − in, 0),
 * with the odd pixel at the end (bottom/right). Returns [before, after].
 */
export function samePadding(size: number, k: number, s: number, d = 1): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + (k - 1) * d + 1 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** The config value of a node as a number. */
export const cfgNum = (n: PlanNode, key: string): number => Number(n.config[key]);
/** The config value of a node as a string. */
export const cfgStr = (n: PlanNode, key: string): string => String(n.config[key]);
