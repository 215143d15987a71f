import { str, NO_PARAMS, type LayerSpec } from './spec';

/** The activation functions of this release (also offered fused in Conv2D and Dense). */
export const activationOptions = ['relu', 'sigmoid', 'tanh', 'softmax'] as const;

/** An elementwise (or, for softmax, last-axis) activation function. */
export const activationSpec: LayerSpec = {
  kind: 'activation',
  category: 'activation',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {
    activation: { type: 'enum', default: 'relu', options: activationOptions },
  },
  infer: ([input]) => ({ ok: true, shape: input! }),
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: (p) => ({ className: 'Activation', config: { activation: str(p, 'activation') } }),
};
