import type { ParamSpec } from './spec';

/**
 * Weight initialisers a layer may pick, by their tfjs identifiers. The runtime seeds
 * whichever is chosen; biases always start at zero.
 */
export const initializerOptions = [
  'glorotUniform',
  'glorotNormal',
  'heNormal',
  'heUniform',
  'leCunNormal',
  'leCunUniform',
] as const;

/** One of the initialiser names. */
export type InitializerName = (typeof initializerOptions)[number];

/** The `initializer` parameter shared by the layers with a kernel. */
export const initializerParam: ParamSpec = {
  type: 'enum',
  default: 'glorotUniform',
  options: initializerOptions,
};
