import { globalPool2dSpec } from './global-pool2d';

/** Global max pooling: the largest value of each channel over the whole image. */
export const globalMaxPool2dSpec = globalPool2dSpec(
  'global-max-pool2d',
  'GlobalMaxPooling2D',
  'GlobalMaxPool2D',
);
