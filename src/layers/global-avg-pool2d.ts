import { globalPool2dSpec } from './global-pool2d';

/** Global average pooling: the mean of each channel over the whole image. */
export const globalAvgPool2dSpec = globalPool2dSpec(
  'global-avg-pool2d',
  'GlobalAveragePooling2D',
  'GlobalAvgPool2D',
);
