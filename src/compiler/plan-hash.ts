import type { ModelPlan } from './plan';

/** Config keys that never change what weights a model has or what they mean. */
const IGNORED_CONFIG = new Set([
  'name',
  'trainable',
  'kernelInitializer',
  'depthwiseInitializer',
  'biasInitializer',
]);

/** JSON with sorted object keys, so equal values always give the same text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** One 32-bit FNV-1a-style pass over the text's UTF-16 code units, from a given basis. */
function fnv(text: string, basis: number, prime: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), prime) >>> 0;
  // A final avalanche, so near-equal texts differ in every hex digit.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A stable hash of what a plan's weights depend on: the input shape, each node's id
 * (weights are named by it), class, structural config (not its display name or
 * initializers), inputs and output shape, and the head. Layout, layer names shown in the
 * UI, training settings and the dataset do not enter it. 16 hex digits. Pure.
 */
export function planHash(plan: ModelPlan): string {
  const text = canonical({
    v: 1,
    inputId: plan.inputId,
    inputShape: plan.inputShape,
    nodes: plan.nodes.map((n) => ({
      id: n.id,
      className: n.className,
      config: Object.fromEntries(Object.entries(n.config).filter(([k]) => !IGNORED_CONFIG.has(k))),
      inputs: n.inputs,
      outputShape: n.outputShape,
    })),
    outputId: plan.outputId,
    head: plan.head,
  });
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return hex(fnv(text, 0x811c9dc5, 0x01000193)) + hex(fnv(text, 0x050c5d1f, 0x5bd1e995));
}
