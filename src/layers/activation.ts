import { num, str, NO_PARAMS, type KerasLayer, type LayerSpec, type Params } from './spec';

/**
 * The activations a Conv2D, DepthwiseConv2D or Dense layer can apply itself. Their names
 * are tfjs-layers 4.22 activation identifiers ('gelu' is the exact, erf-based GELU).
 * Leaky ReLU is not among them: it needs a slope, so it is an Activation layer only.
 */
export const fusedActivationOptions = [
  'linear',
  'relu',
  'elu',
  'gelu',
  'swish',
  'sigmoid',
  'tanh',
  'softmax',
] as const;

/** The functions of the Activation layer. */
export const activationOptions = [
  'relu',
  'leaky-relu',
  'elu',
  'gelu',
  'swish',
  'sigmoid',
  'tanh',
  'softmax',
] as const;

/** The `activation` parameter of layers with a fused activation (none by default). */
export const fusedActivationParam = {
  type: 'enum',
  default: 'linear',
  options: fusedActivationOptions,
} as const;

/** Leaky ReLU has its own Keras class (with the slope); the others are tfjs activation names. */
function activationLayer(p: Params): KerasLayer {
  const fn = str(p, 'activation');
  if (fn === 'leaky-relu') return { className: 'LeakyReLU', config: { alpha: num(p, 'alpha') } };
  return { className: 'Activation', config: { activation: fn } };
}

/** An elementwise (or, for softmax, last-axis) activation function. */
export const activationSpec: LayerSpec = {
  kind: 'activation',
  category: 'activation',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    activation: { type: 'enum', default: 'relu', options: activationOptions },
    /** Slope for negative inputs; used by leaky ReLU only (PyTorch's default, 0.01). */
    alpha: { type: 'float', default: 0.01, min: 0, max: 1 },
  },
  infer: ([input]) => ({ ok: true, shape: input! }),
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: activationLayer,
};
