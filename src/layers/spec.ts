import type { DiagnosticCode } from '../diagnostics/codes';
import type { MessageValues } from '../util/format';
import { formatShape, type Shape } from '../tensor/shape';

/** A parameter value as stored in the project document. */
export type ParamValue = number | string | boolean;

/** A layer's parameters: names to values, as declared by its spec. */
export type Params = Readonly<Record<string, ParamValue>>;

/** The declaration of one parameter: its type, default and bounds. */
export type ParamSpec =
  | { type: 'int'; default: number; min: number; max: number; unit?: string }
  | { type: 'float'; default: number; min: number; max: number; unit?: string }
  | { type: 'enum'; default: string; options: readonly string[] }
  | { type: 'bool'; default: boolean }
  /** Free text that must match `pattern` (a regular expression source, matched in full). */
  | { type: 'text'; default: string; pattern: string; maxLength: number };

/** What the layer specs need to know about the bound dataset. */
export interface DatasetInfo {
  /** Shape of one example, without the batch dimension (e.g. `[28, 28, 1]`). */
  inputShape: readonly number[];
  /** Number of classes for classification data. */
  classes: number;
  /** The dataset's name as the user knows it (for messages); absent when unknown. */
  name?: string;
}

/** Context given to shape inference. */
export interface InferContext {
  dataset: DatasetInfo | null;
}

/** A problem found by a spec: a code, the values for its message, and the parameter at fault. */
export interface SpecProblem {
  code: DiagnosticCode;
  values: MessageValues;
  param?: string;
  port?: number;
}

/** The result of shape inference for one layer. */
export type InferResult = { ok: true; shape: Shape } | { ok: false; problems: SpecProblem[] };

/** Parameter counts as Keras reports them. */
export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/** A Keras/tfjs layer class name with its config (plain JSON). */
export interface KerasLayer {
  className: string;
  config: Record<string, unknown>;
}

/** Palette grouping of layer kinds. */
export type LayerCategory =
  | 'input'
  | 'convolution'
  | 'dense'
  | 'normalization'
  | 'activation'
  | 'pooling'
  | 'reshape'
  | 'merge'
  | 'regularization'
  | 'output';

/**
 * Everything the app knows about one layer kind, declared once. The palette,
 * inspector, analysis and compiler all read this. Titles and help texts live in
 * the message catalog under `layer.<kind>`, parameter labels under `param.<name>`.
 */
export interface LayerSpec {
  kind: string;
  category: LayerCategory;
  /** How many inputs the layer takes; they arrive on ports 0..max-1 and are read in port order. */
  inputs: { min: number; max: number };
  /** Whether the layer produces an output that other layers can consume. */
  hasOutput: boolean;
  params: Readonly<Record<string, ParamSpec>>;
  /** Output shape from input shapes (batch dimension included, as `null`). */
  infer(inputs: readonly Shape[], p: Params, ctx: InferContext): InferResult;
  /** Parameter counts, given the input shapes. */
  countParams(inputs: readonly Shape[], p: Params): ParamCount;
  /** Multiply-accumulates for one example. */
  macs(inputs: readonly Shape[], output: Shape, p: Params): number;
  /** The tfjs layer for this node, or null for the Input and the Output heads. */
  toKeras(p: Params, inputs: readonly Shape[]): KerasLayer | null;
}

/** True for the kinds that end a network (the classification and regression heads). */
export const isHead = (spec: Pick<LayerSpec, 'category'>): boolean => spec.category === 'output';

/** Reads a numeric parameter (the document was validated, so the type holds). */
export const num = (p: Params, name: string): number => Number(p[name]);
/** Reads a string parameter. */
export const str = (p: Params, name: string): string => String(p[name]);
/** Reads a boolean parameter. */
export const bool = (p: Params, name: string): boolean => p[name] === true;

/** No parameters. */
export const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0 };

/** A failed inference with one problem. */
export const fail = (
  code: DiagnosticCode,
  values: MessageValues,
  extra: { param?: string; port?: number } = {},
): InferResult => ({ ok: false, problems: [{ code, values, ...extra }] });

/** Requires the input to have the given rank (batch included). */
export function requireRank(input: Shape, rank: number, what: string): InferResult | null {
  if (input.length === rank) return null;
  return fail('shape/rank-mismatch', {
    expected: rank,
    actual: input.length,
    shape: formatShape(input),
    what,
  });
}
