import { describe, expect, it } from 'vitest';
import { gatherExamples, validationSplit } from '../../../src/training/split';

describe('validation split', () => {
  const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));

  it('holds out the fraction, stratified by class, disjoint from training, the same for the same seed', () => {
    const a = validationSplit({ count: 100, labels }, 0.2, 7);
    expect(a.heldOut).toHaveLength(20);
    expect(a.train).toHaveLength(80);
    expect([...a.heldOut, ...a.train].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
    expect(Array.from(a.heldOut).filter((i) => labels[i] === 0)).toHaveLength(12);
    expect(validationSplit({ count: 100, labels }, 0.2, 7)).toEqual(a);
    expect(Array.from(validationSplit({ count: 100, labels }, 0.2, 8).heldOut)).not.toEqual(
      Array.from(a.heldOut),
    );
  });

  it('gathers the chosen examples with their labels', () => {
    const ds = {
      count: 3,
      inputShape: [2],
      classes: 2,
      pixels: Uint8Array.from([1, 2, 3, 4, 5, 6]),
      labels: Uint8Array.from([0, 1, 0]),
    };
    const g = gatherExamples(ds, Uint32Array.from([2, 0]));
    expect(g).toMatchObject({ count: 2, inputShape: [2], classes: 2 });
    expect(Array.from(g.pixels)).toEqual([5, 6, 1, 2]);
    expect(Array.from(g.labels)).toEqual([0, 0]);
  });
});
