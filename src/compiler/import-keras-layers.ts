import { fusedActivationOptions } from '../layers/activation';
import type { ParamValue } from '../layers/spec';

/** A Keras layer mapped to one of our kinds, or the reason it cannot be. */
export type MappedLayer =
  | {
      ok: true;
      kind: string;
      params: Record<string, ParamValue>;
      /**
       * An axis the layer works on that must be its input's last axis (-1, or rank - 1 as
       * Keras also writes it); the importer checks it once the input shapes are known.
       */
      lastAxis?: number;
    }
  | { ok: false; reason: string };

/** A layer's config with camelCase keys (tfjs writes model.json in Python's snake_case). */
export type Config = Readonly<Record<string, unknown>>;

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Converts snake_case keys to camelCase, one level deep (nested values are read by name). */
export function camelConfig(config: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (config && typeof config === 'object') for (const [k, v] of Object.entries(config)) out[camel(k)] = v;
  return out;
}

/** The one size of a square window ([k, k] or k), or null when it is not square. */
function square(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => x === v[0]) && typeof v[0] === 'number') return v[0];
  return null;
}

const INITIALIZERS: Readonly<Record<string, string>> = {
  glorotuniform: 'glorotUniform',
  glorotnormal: 'glorotNormal',
  henormal: 'heNormal',
  heuniform: 'heUniform',
  lecunnormal: 'leCunNormal',
  lecununiform: 'leCunUniform',
};

/** Our initializer name for a Keras initializer (a name or {class_name, config}); Glorot uniform otherwise. */
function initializerOf(v: unknown): string {
  const name =
    typeof v === 'string'
      ? v
      : ((v as { class_name?: string; className?: string } | null)?.class_name ??
        (v as { className?: string } | null)?.className ??
        '');
  return INITIALIZERS[name.replace(/_/g, '').toLowerCase()] ?? 'glorotUniform';
}

/** The activation name as ours ('swish' and 'silu' are one function). */
function activationOf(v: unknown): string {
  const name = typeof v === 'string' ? v : 'linear';
  return name === 'silu' ? 'swish' : name;
}

function fused(c: Config): string | MappedLayer {
  const a = activationOf(c.activation);
  return (fusedActivationOptions as readonly string[]).includes(a)
    ? a
    : { ok: false, reason: `activation '${a}' is not supported` };
}

function windowParams(c: Config, sizeKey: string): Record<string, ParamValue> | string {
  const k = square(c[sizeKey]);
  const s = c.strides === null || c.strides === undefined ? k : square(c.strides);
  if (k === null || s === null) return `only square ${sizeKey} and strides are supported`;
  if (c.dataFormat !== undefined && !/channels_?last/i.test(String(c.dataFormat)))
    return 'only channels-last data is supported';
  const padding = String(c.padding ?? 'valid');
  if (padding !== 'valid' && padding !== 'same') return `padding '${padding}' is not supported`;
  return { [sizeKey]: k, strides: s, padding };
}

type Mapper = (c: Config) => MappedLayer;

const bad = (reason: string): MappedLayer => ({ ok: false, reason });
const layer = (kind: string, params: Record<string, ParamValue> = {}): MappedLayer => ({
  ok: true,
  kind,
  params,
});

function conv(c: Config, depthwise: boolean): MappedLayer {
  const w = windowParams(c, 'kernelSize');
  if (typeof w === 'string') return bad(w);
  const act = fused(c);
  if (typeof act !== 'string') return act;
  const useBias = c.useBias !== false;
  if (depthwise) {
    return layer('depthwise-conv2d', {
      ...w,
      depthMultiplier: Number(c.depthMultiplier ?? 1),
      useBias,
      activation: act,
      initializer: initializerOf(c.depthwiseInitializer),
    });
  }
  const dilation = square(c.dilationRate ?? 1);
  if (dilation === null) return bad('only square dilation is supported');
  return layer('conv2d', {
    ...w,
    filters: Number(c.filters),
    dilation,
    useBias,
    activation: act,
    initializer: initializerOf(c.kernelInitializer),
  });
}

function pool(kind: string): Mapper {
  return (c) => {
    const w = windowParams(c, 'poolSize');
    return typeof w === 'string' ? bad(w) : layer(kind, w);
  };
}

/** The one axis a layer names (a number or a one-element list), or null when it names several or none usable. */
function axisOf(c: Config): number | null {
  const axis: unknown = Array.isArray(c.axis) ? (c.axis.length === 1 ? c.axis[0] : null) : (c.axis ?? -1);
  return typeof axis === 'number' && Number.isInteger(axis) && (axis === -1 || axis > 0) ? axis : null;
}

/** The layer, marked to be checked to work on its input's last axis; an error when the axis is unusable. */
function onLastAxis(c: Config, mapped: MappedLayer, reason: string): MappedLayer {
  const axis = axisOf(c);
  if (axis === null || !mapped.ok) return bad(reason);
  return axis === -1 ? mapped : { ...mapped, lastAxis: axis };
}

const ACTIVATIONS = new Set(['relu', 'elu', 'gelu', 'swish', 'sigmoid', 'tanh', 'softmax']);

/** Keras class → our layer kind and parameters. */
export const KERAS_MAPPERS: Readonly<Record<string, Mapper>> = {
  Conv2D: (c) => conv(c, false),
  DepthwiseConv2D: (c) => conv(c, true),
  Dense: (c) => {
    const act = fused(c);
    if (typeof act !== 'string') return act;
    return layer('dense', {
      units: Number(c.units),
      useBias: c.useBias !== false,
      activation: act,
      initializer: initializerOf(c.kernelInitializer),
    });
  },
  BatchNormalization: (c) =>
    onLastAxis(
      c,
      layer('batch-norm', {
        momentum: Number(c.momentum ?? 0.99),
        epsilon: Number(c.epsilon ?? 1e-3),
        center: c.center !== false,
        scale: c.scale !== false,
      }),
      'only the last axis (channels) can be normalized',
    ),
  LayerNormalization: (c) =>
    onLastAxis(
      c,
      layer('layer-norm', {
        epsilon: Number(c.epsilon ?? 1e-3),
        center: c.center !== false,
        scale: c.scale !== false,
      }),
      'only the last axis can be normalized',
    ),
  Activation: (c) => {
    const a = activationOf(c.activation);
    return ACTIVATIONS.has(a)
      ? layer('activation', { activation: a })
      : bad(`activation '${a}' is not supported`);
  },
  ReLU: (c) =>
    (c.maxValue ?? null) === null && Number(c.negativeSlope ?? 0) === 0 && Number(c.threshold ?? 0) === 0
      ? layer('activation', { activation: 'relu' })
      : bad('only a plain ReLU (no max value, slope or threshold) is supported'),
  LeakyReLU: (c) =>
    layer('activation', { activation: 'leaky-relu', alpha: Number(c.alpha ?? c.negativeSlope ?? 0.3) }),
  ELU: (c) =>
    Number(c.alpha ?? 1) === 1
      ? layer('activation', { activation: 'elu' })
      : bad('only ELU with alpha 1 is supported'),
  Softmax: (c) =>
    onLastAxis(
      c,
      layer('activation', { activation: 'softmax' }),
      'only a softmax over the last axis is supported',
    ),
  MaxPooling2D: pool('max-pool2d'),
  AveragePooling2D: pool('avg-pool2d'),
  GlobalAveragePooling2D: () => layer('global-avg-pool2d'),
  GlobalMaxPooling2D: () => layer('global-max-pool2d'),
  Flatten: () => layer('flatten'),
  Reshape: (c) =>
    Array.isArray(c.targetShape)
      ? layer('reshape', { targetShape: c.targetShape.join(', ') })
      : bad('no target shape'),
  Dropout: (c) => layer('dropout', { rate: Number(c.rate) }),
  Add: () => layer('add'),
  Concatenate: (c) => layer('concatenate', { axis: Number(c.axis ?? -1) }),
};
