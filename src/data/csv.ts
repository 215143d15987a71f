import { err, ok, type Result } from '../util/result';
import {
  columnCells,
  columnNames,
  columnRef,
  detectHeader,
  inferColumnType,
  isMissing,
  parseNumber,
} from './csv-columns';
import { encodeFeatures, encodeTarget, planColumns, type EncodeLimits } from './csv-encode';
import { csvIssue, detectDelimiter, parseCsv, type CsvIssue } from './csv-parse';
import { checkRows, WarningList, type CsvContext } from './csv-rows';
import {
  INFERRED_CLASS_LIMIT,
  type ColumnKind,
  type CsvOptions,
  type CsvTable,
  type TabularDataset,
} from './csv-types';

export type { CsvIssue } from './csv-parse';
export type * from './csv-types';

/**
 * Reads CSV text as a dataset for training: detects the delimiter and header, infers
 * column types, one-hot encodes categorical features, maps the target to class indices
 * (or keeps it as numbers for regression) and applies the missing-value policy. Never
 * throws for bad input: problems come back as a {@link CsvIssue} naming the line and
 * column, and rows dropped under a permissive policy come back as warnings.
 * Features are not standardized here; see `fitStandardizer`, which fits on training rows only.
 */
export function readCsv(text: string, file: string, options: CsvOptions = {}): Result<CsvTable, CsvIssue> {
  const whole = (message: string): Result<never, CsvIssue> => err(csvIssue(file, null, null, message));
  if (text.replace(/^\uFEFF/, '').trim() === '') return whole('the file is empty');
  const delimiter = options.delimiter ?? detectDelimiter(text, file);
  const parsed = parseCsv(text, delimiter, file);
  if (!parsed.ok) return parsed;
  const { rows, lines } = parsed.value;
  if (rows.length === 0) return whole('the file is empty');
  const header = options.header ?? detectHeader(rows);
  const width = rows[0]!.length;
  const names = columnNames(header ? rows[0]! : null, width);
  const start = header ? 1 : 0;
  if (rows.length <= start) return whole('the file has no data rows, only a header');
  const target = resolveTarget(options.target, names);
  if (typeof target === 'string') return whole(target);
  const data = rows.slice(start);
  const kinds = resolveKinds(data, names, options.columnTypes);
  if (typeof kinds === 'string') return whole(kinds);
  const refs = names.map(columnRef);
  if (kinds[target] === 'ignored') return whole(`the target ${refs[target]} is marked 'ignore'`);
  if (kinds[target] === 'empty') return whole(`the target ${refs[target]} has no values`);
  const task = options.task ?? inferTask(columnCells(data, target), kinds[target]!);
  const warnings = new WarningList(file);
  const missing = options.missing ?? 'drop-row';
  const ctx: CsvContext = {
    file,
    rows: data,
    lines: lines.slice(start),
    names,
    refs,
    kinds,
    target,
    task,
    missing,
    warnings,
  };
  const dataset = encode(ctx, limitsOf(options));
  if (!dataset.ok) return dataset;
  return ok({ dataset: dataset.value, delimiter, header, warnings: warnings.list() });
}

/** Checks the rows, then encodes the kept ones. */
function encode(ctx: CsvContext, limits: EncodeLimits): Result<TabularDataset, CsvIssue> {
  const kept = checkRows(ctx);
  if (!kept.ok) return kept;
  const rows = kept.value;
  if (rows.length === 0) {
    const first = ctx.warnings.list()[0]?.message ?? '';
    return err(csvIssue(ctx.file, null, null, `every data row was dropped (the first: ${first})`));
  }
  const columns = planColumns(ctx, rows, limits);
  if (!columns.ok) return columns;
  const width = columns.value.reduce((w, c) => w + c.width, 0);
  if (width === 0)
    return err(csvIssue(ctx.file, null, null, 'there are no feature columns besides the target'));
  const y = encodeTarget(ctx, rows, limits);
  if (!y.ok) return y;
  const base = {
    count: rows.length,
    inputShape: [width],
    features: encodeFeatures(ctx, rows, columns.value),
    columns: columns.value,
    target: { name: ctx.names[ctx.target]!, source: ctx.target },
  };
  if (y.value.task === 'regression') {
    return ok({ ...base, task: 'regression', classes: 0, classNames: [], targets: y.value.targets });
  }
  const { classNames, labels } = y.value;
  return ok({ ...base, task: 'classification', classes: classNames.length, classNames, labels });
}

/** The target's column index, or what is wrong with the option. */
function resolveTarget(target: string | number | undefined, names: readonly string[]): number | string {
  if (target === undefined) return names.length - 1;
  if (typeof target === 'number') {
    if (Number.isInteger(target) && target >= 0 && target < names.length) return target;
    return `target column index ${target} is out of range (0 to ${names.length - 1})`;
  }
  const exact = names.indexOf(target);
  if (exact >= 0) return exact;
  const loose = names.findIndex((n) => n.toLowerCase() === target.trim().toLowerCase());
  if (loose >= 0) return loose;
  const list = names.length > 20 ? `${names.slice(0, 20).join(', ')}, ...` : names.join(', ');
  return `unknown target column '${target}' (columns: ${list})`;
}

/** Each column's treatment: the caller's override, else the inferred type. */
function resolveKinds(
  data: readonly string[][],
  names: readonly string[],
  overrides: CsvOptions['columnTypes'] = {},
): ColumnKind[] | string {
  const unknown = Object.keys(overrides).find((k) => !names.includes(k));
  if (unknown !== undefined) return `columnTypes names an unknown column '${unknown}'`;
  return names.map((name, c) => {
    const o = Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    if (o === 'ignore') return 'ignored';
    return o ?? inferColumnType(columnCells(data, c));
  });
}

/** Classification for text targets and for a few distinct whole numbers; regression otherwise. */
function inferTask(cells: readonly string[], kind: ColumnKind): 'classification' | 'regression' {
  if (kind !== 'numeric') return 'classification';
  const distinct = new Set<number>();
  for (const c of cells) {
    if (isMissing(c)) continue;
    const v = parseNumber(c);
    if (v === null || !Number.isInteger(v)) return 'regression';
    distinct.add(v);
    if (distinct.size > INFERRED_CLASS_LIMIT) return 'regression';
  }
  return 'classification';
}

/** The encoder's limits with defaults; labels are bytes, so never more than 256 classes. */
function limitsOf(options: CsvOptions): EncodeLimits {
  return {
    order: options.order ?? 'sorted',
    maxClasses: Math.max(1, Math.min(options.maxClasses ?? 256, 256)),
    maxCategories: Math.max(1, options.maxCategories ?? 100),
  };
}
