import { describe, expect, it } from 'vitest';
import { grayscaleInput, isGrayImageShape } from '../../../src/data/image-preprocess';
import {
  changedPredictions,
  confusionMatrix,
  misclassifiedFirst,
  perClassAccuracy,
} from '../../../src/training/views-protocol';

describe('evaluation helpers', () => {
  const labels = [0, 1, 2, 2, 1, 0];
  const preds = [0, 2, 2, 1, 1, 0];

  it('confusion matrix: rows are true classes, columns predictions, counts sum to the examples', () => {
    const m = confusionMatrix(labels, preds, 3);
    expect(Array.from(m)).toEqual([2, 0, 0, 0, 1, 1, 0, 1, 1]);
    expect(perClassAccuracy(m, 3)).toEqual([1, 0.5, 0.5]);
    expect(perClassAccuracy(confusionMatrix([0], [0], 2), 2)).toEqual([1, null]);
  });

  it('orders misclassified examples first and finds predictions that change', () => {
    expect(misclassifiedFirst(labels, preds, 4)).toEqual([1, 3, 0, 2]);
    expect(changedPredictions(preds, [0, 1, 2, 1, 0, 0])).toEqual([1, 4]);
  });
});

describe('preprocessing a dropped image', () => {
  it('makes RGBA grayscale in [0, 1] (BT.601 luma), transparent as black, optionally inverted', () => {
    const rgba = [255, 255, 255, 255, 255, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200, 0];
    const g = grayscaleInput(rgba, 4);
    expect(Array.from(g).map((v) => Number(v.toFixed(3)))).toEqual([1, 0.298, 0, 0]);
    expect(Array.from(grayscaleInput(rgba, 4, true)).map((v) => Number(v.toFixed(3)))).toEqual([
      0, 0.702, 1, 1,
    ]);
    expect(isGrayImageShape([28, 28, 1])).toBe(true);
    expect(isGrayImageShape([2])).toBe(false);
  });
});
