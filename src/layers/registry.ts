import { activationSpec } from './activation';
import { avgPool2dSpec } from './avg-pool2d';
import { batchNormSpec } from './batch-norm';
import { conv2dSpec } from './conv2d';
import { denseSpec } from './dense';
import { dropoutSpec } from './dropout';
import { flattenSpec } from './flatten';
import { inputSpec } from './input';
import { maxPool2dSpec } from './max-pool2d';
import { outputSpec } from './output';
import type { LayerSpec, ParamValue, Params } from './spec';

/** The only list of layer kinds, in palette order. */
export const LAYER_SPECS: readonly LayerSpec[] = [
  inputSpec,
  conv2dSpec,
  batchNormSpec,
  denseSpec,
  activationSpec,
  maxPool2dSpec,
  avgPool2dSpec,
  flattenSpec,
  dropoutSpec,
  outputSpec,
];

const byKind = new Map(LAYER_SPECS.map((s) => [s.kind, s]));

/** The spec of a kind, or undefined for an unknown kind. */
export const specOf = (kind: string): LayerSpec | undefined => byKind.get(kind);

/** All known kind names. */
export const layerKinds = (): string[] => LAYER_SPECS.map((s) => s.kind);

/** The default parameters of a kind. */
export function defaultParams(spec: LayerSpec): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [name, ps] of Object.entries(spec.params)) out[name] = ps.default;
  return out;
}

/** Parameters with defaults filled in for any the document omits. */
export function withDefaults(spec: LayerSpec, params: Params): Record<string, ParamValue> {
  return { ...defaultParams(spec), ...params };
}
