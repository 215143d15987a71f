import { featureSize } from '../tensor/shape';
import { NO_PARAMS, type LayerSpec } from './spec';

/** Flattens everything after the batch dimension into one feature axis. */
export const flattenSpec: LayerSpec = {
  kind: 'flatten',
  category: 'reshape',
  inputs: { min: 1, max: 1 },
  hasOutput: true,
  params: {},
  infer: ([input]) => ({ ok: true, shape: [null, featureSize(input!)] }),
  countParams: () => NO_PARAMS,
  macs: () => 0,
  toKeras: () => ({ className: 'Flatten', config: {} }),
};
