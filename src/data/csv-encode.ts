import { err, ok, type Result } from '../util/result';
import { isMissing, parseNumber } from './csv-columns';
import { csvIssue, type CsvIssue } from './csv-parse';
import type { CsvContext } from './csv-rows';
import type { CategoryOrder, InputColumn } from './csv-types';

/** Limits and ordering for the encoder. */
export interface EncodeLimits {
  order: CategoryOrder;
  maxClasses: number;
  maxCategories: number;
}

/** The distinct trimmed, non-missing values of a column over the kept rows, in the requested order. */
export function distinctValues(
  ctx: CsvContext,
  kept: readonly number[],
  col: number,
  order: CategoryOrder,
): string[] {
  const seen = new Set<string>();
  for (const r of kept) {
    const cell = ctx.rows[r]![col]!;
    if (!isMissing(cell)) seen.add(cell.trim());
  }
  const values = [...seen];
  if (order === 'first-appearance') return values;
  if (values.every((v) => parseNumber(v) !== null))
    return values.sort((a, b) => parseNumber(a)! - parseNumber(b)!);
  // Code-unit order, not localeCompare: the same file must give the same mapping everywhere.
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Decides how each non-target column becomes features, and where it goes in a row. */
export function planColumns(
  ctx: CsvContext,
  kept: readonly number[],
  limits: EncodeLimits,
): Result<InputColumn[], CsvIssue> {
  const columns: InputColumn[] = [];
  let offset = 0;
  for (let c = 0; c < ctx.names.length; c++) {
    if (c === ctx.target) continue;
    const base = { name: ctx.names[c]!, source: c, offset };
    const kind = ctx.kinds[c]!;
    if (kind === 'ignored' || kind === 'empty') {
      columns.push({ ...base, kind: 'ignored', width: 0, reason: kind === 'empty' ? 'empty' : 'option' });
      continue;
    }
    const missing = kept.reduce((n, r) => n + (isMissing(ctx.rows[r]![c]!) ? 1 : 0), 0);
    if (kind === 'numeric') {
      columns.push({ ...base, kind: 'numeric', width: 1, missing, fill: fillValue(ctx, kept, c) });
      offset += 1;
      continue;
    }
    const categories = distinctValues(ctx, kept, c, limits.order);
    if (categories.length > limits.maxCategories) {
      const text = `${ctx.refs[c]} has ${categories.length} distinct values, more than the limit of ${limits.maxCategories} for one-hot encoding (mark it 'ignore' if it is an id or free text)`;
      return err(csvIssue(ctx.file, null, ctx.refs[c]!, text));
    }
    columns.push({ ...base, kind: 'one-hot', width: categories.length, categories, missing });
    offset += categories.length;
  }
  return ok(columns);
}

/** The value a missing numeric cell gets: the mean of the kept rows under `mean`, else 0. */
function fillValue(ctx: CsvContext, kept: readonly number[], col: number): number {
  if (ctx.missing !== 'mean') return 0;
  let sum = 0;
  let n = 0;
  for (const r of kept) {
    const v = parseNumber(ctx.rows[r]![col]!);
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

/** Writes the kept rows' features, row-major, following the column plan. */
export function encodeFeatures(
  ctx: CsvContext,
  kept: readonly number[],
  columns: readonly InputColumn[],
): Float32Array {
  const width = columns.reduce((w, col) => w + col.width, 0);
  const out = new Float32Array(kept.length * width);
  // Column by column, so each column's kind is decided once, not once per cell.
  for (const col of columns) {
    if (col.kind === 'ignored') continue;
    const index = col.kind === 'one-hot' ? new Map(col.categories.map((v, i) => [v, i])) : null;
    for (let i = 0; i < kept.length; i++) {
      const cell = ctx.rows[kept[i]!]![col.source]!;
      const at = i * width + col.offset;
      if (col.kind === 'numeric') out[at] = parseNumber(cell) ?? col.fill;
      else if (!isMissing(cell)) out[at + index!.get(cell.trim())!] = 1;
    }
  }
  return out;
}

/** Class labels (indices into `classNames`) or regression targets of the kept rows. */
export type EncodedTarget =
  | { task: 'classification'; classNames: string[]; labels: Uint8Array }
  | { task: 'regression'; targets: Float32Array };

/** Encodes the target column; refuses more classes than the limit. */
export function encodeTarget(
  ctx: CsvContext,
  kept: readonly number[],
  limits: EncodeLimits,
): Result<EncodedTarget, CsvIssue> {
  const col = ctx.target;
  if (ctx.task === 'regression') {
    const targets = Float32Array.from(kept, (r) => parseNumber(ctx.rows[r]![col]!)!);
    return ok({ task: 'regression', targets });
  }
  const classNames = distinctValues(ctx, kept, col, limits.order);
  if (classNames.length > limits.maxClasses) {
    const text = `${ctx.refs[col]} has ${classNames.length} classes, more than the limit of ${limits.maxClasses}`;
    return err(csvIssue(ctx.file, null, ctx.refs[col]!, text));
  }
  const index = new Map(classNames.map((v, i) => [v, i]));
  const labels = Uint8Array.from(kept, (r) => index.get(ctx.rows[r]![col]!.trim())!);
  return ok({ task: 'classification', classNames, labels });
}
