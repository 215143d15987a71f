import { pool2dSpec } from './pool2d';

/** 2D max pooling: the largest value in each window. */
export const maxPool2dSpec = pool2dSpec('max-pool2d', 'MaxPooling2D', 'MaxPool2D');
