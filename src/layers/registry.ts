import { activationSpec } from './activation';
import { addSpec } from './add';
import { avgPool2dSpec } from './avg-pool2d';
import { batchNormSpec } from './batch-norm';
import { concatenateSpec } from './concatenate';
import { conv2dSpec } from './conv2d';
import { denseSpec } from './dense';
import { depthwiseConv2dSpec } from './depthwise-conv2d';
import { dropoutSpec } from './dropout';
import { flattenSpec } from './flatten';
import { globalAvgPool2dSpec } from './global-avg-pool2d';
import { globalMaxPool2dSpec } from './global-max-pool2d';
import { inputSpec } from './input';
import { layerNormSpec } from './layer-norm';
import { maxPool2dSpec } from './max-pool2d';
import { outputSpec } from './output';
import { regressionOutputSpec } from './regression-output';
import { reshapeSpec } from './reshape';
import { isHead, type LayerSpec, type ParamValue, type Params } from './spec';

/** The only list of layer kinds, in palette order. */
export const LAYER_SPECS: readonly LayerSpec[] = [
  inputSpec,
  conv2dSpec,
  depthwiseConv2dSpec,
  denseSpec,
  batchNormSpec,
  layerNormSpec,
  activationSpec,
  maxPool2dSpec,
  avgPool2dSpec,
  globalAvgPool2dSpec,
  globalMaxPool2dSpec,
  flattenSpec,
  reshapeSpec,
  addSpec,
  concatenateSpec,
  dropoutSpec,
  outputSpec,
  regressionOutputSpec,
];

const byKind = new Map(LAYER_SPECS.map((s) => [s.kind, s]));

/** The spec of a kind, or undefined for an unknown kind. */
export const specOf = (kind: string): LayerSpec | undefined => byKind.get(kind);

/** True for a layer of a head kind (Output, Regression output); false for unknown kinds. */
export function isHeadLayer(layer: { kind: string }): boolean {
  const spec = byKind.get(layer.kind);
  return spec !== undefined && isHead(spec);
}

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
