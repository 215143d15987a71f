import { err, ok, type Result } from '../util/result';
import { createRng, shuffledIndices, type Rng } from '../util/random';

/** Shares of the examples for each part; they must sum to 1. */
export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** Example indices of each part, ascending, disjoint, together covering 0..count-1. */
export interface SplitIndices {
  train: Uint32Array;
  validation: Uint32Array;
  test: Uint32Array;
}

/**
 * Splits `count` examples into train, validation and test parts, seeded: the same
 * seed gives the same split. With `labels`, the split is stratified: each class is
 * split on its own, so every part gets floor or ceil of its share of every class
 * (class proportions hold within one example per class per part). Without labels,
 * each part's size is floor or ceil of its share of `count`.
 */
export function splitIndices(
  count: number,
  fractions: SplitFractions,
  seed: number,
  labels?: ArrayLike<number>,
): Result<SplitIndices, string> {
  const given = [fractions.train, fractions.validation, fractions.test];
  const total = given[0]! + given[1]! + given[2]!;
  if (given.some((x) => !Number.isFinite(x) || x < 0))
    return err(`split fractions must be numbers from 0 to 1, got ${given.join(', ')}`);
  if (Math.abs(total - 1) > 1e-6) return err(`split fractions must add up to 1, got ${total}`);
  // Normalized so that rounding in the sum can never deal out more examples than exist.
  const f = given.map((x) => x / total);
  if (!Number.isInteger(count) || count < 0) return err(`example count must be a whole number, got ${count}`);
  if (labels && labels.length !== count) return err(`expected ${count} labels, got ${labels.length}`);
  const rng = createRng(seed);
  const parts: number[][] = [[], [], []];
  const groups = labels ? groupByLabel(labels) : [Array.from({ length: count }, (_, i) => i)];
  for (const group of groups) assign(group, f, rng, parts);
  const sorted = parts.map((p) => Uint32Array.from(p).sort());
  return ok({ train: sorted[0]!, validation: sorted[1]!, test: sorted[2]! });
}

/** Shuffles one group and deals it out to the parts by largest remainder. */
function assign(group: readonly number[], f: readonly number[], rng: Rng, parts: number[][]): void {
  const order = shuffledIndices(group.length, rng);
  const sizes = apportion(group.length, f);
  let at = 0;
  sizes.forEach((size, p) => {
    for (let k = 0; k < size; k++) parts[p]!.push(group[order[at++]!]!);
  });
}

/**
 * Whole-number sizes that add up to n, each the floor or ceil of n·f (largest
 * remainder method; ties go to the earlier part).
 */
export function apportion(n: number, f: readonly number[]): number[] {
  const exact = f.map((x) => n * x);
  const sizes = exact.map(Math.floor);
  let left = n - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    sizes[i]!++;
    left--;
  }
  return sizes;
}

/** Indices grouped by label, groups in ascending label order, indices ascending. */
function groupByLabel(labels: ArrayLike<number>): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const g = groups.get(labels[i]!);
    if (g) g.push(i);
    else groups.set(labels[i]!, [i]);
  }
  return [...groups].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}
