import { pool2dSpec } from './pool2d';

/** 2D average pooling: the mean of each window. */
export const avgPool2dSpec = pool2dSpec('avg-pool2d', 'AveragePooling2D', 'AvgPool2D');
