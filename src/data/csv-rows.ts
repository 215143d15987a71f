import { err, ok, type Result } from '../util/result';
import { isMissing, parseNumber, quoteCell } from './csv-columns';
import { csvIssue, type CsvIssue } from './csv-parse';
import type { ColumnKind, MissingPolicy } from './csv-types';

/** Everything the row checks and the encoder need to know about one file. */
export interface CsvContext {
  file: string;
  /** Data records, the header removed. */
  rows: string[][];
  /** The 1-based line each data record starts on. */
  lines: number[];
  names: string[];
  /** How messages name each column (see `columnRef`). */
  refs: string[];
  kinds: ColumnKind[];
  target: number;
  task: 'classification' | 'regression';
  missing: MissingPolicy;
  warnings: WarningList;
}

/** Most warnings listed one by one; the rest are counted in one closing line. */
export const MAX_WARNINGS = 100;

/** Collects warnings for one read, keeping the list short enough to show. */
export class WarningList {
  private readonly items: CsvIssue[] = [];
  private extra = 0;

  constructor(private readonly file: string) {}

  /** Records a warning, or only counts it once the list is full. */
  add(issue: CsvIssue): void {
    if (this.items.length < MAX_WARNINGS) this.items.push(issue);
    else this.extra++;
  }

  /** The listed warnings, plus a line saying how many more there were. */
  list(): CsvIssue[] {
    if (this.extra === 0) return [...this.items];
    return [
      ...this.items,
      csvIssue(this.file, null, null, `${this.extra} more problems like these were not listed`),
    ];
  }
}

/**
 * Checks every data row: field count, numbers where numbers belong, a target value, and
 * missing features under `drop-row`/`error`. Returns the indices of the rows to keep;
 * under `error` the first problem fails the read, otherwise each dropped row is a warning.
 */
export function checkRows(ctx: CsvContext): Result<number[], CsvIssue> {
  const kept: number[] = [];
  for (let r = 0; r < ctx.rows.length; r++) {
    const problem = rowProblem(ctx, r);
    if (problem === null) {
      kept.push(r);
      continue;
    }
    if (ctx.missing === 'error') return err(problem);
    ctx.warnings.add({ ...problem, message: `${problem.message}; row dropped` });
  }
  return ok(kept);
}

/** The first thing wrong with row r, or null. */
function rowProblem(ctx: CsvContext, r: number): CsvIssue | null {
  const row = ctx.rows[r]!;
  const line = ctx.lines[r]!;
  if (row.length !== ctx.names.length) {
    return csvIssue(ctx.file, line, null, `expected ${ctx.names.length} fields, found ${row.length}`);
  }
  const dropMissing = ctx.missing === 'drop-row' || ctx.missing === 'error';
  for (let c = 0; c < row.length; c++) {
    const problem = cellProblem(ctx, row[c]!, c, dropMissing);
    if (problem !== null) return csvIssue(ctx.file, line, ctx.refs[c]!, problem);
  }
  return null;
}

/** What is wrong with one cell of column c, in words, or null. */
function cellProblem(ctx: CsvContext, cell: string, c: number, dropMissing: boolean): string | null {
  const kind = ctx.kinds[c]!;
  if (kind === 'ignored' || kind === 'empty') return null;
  const missing = isMissing(cell);
  if (c === ctx.target) {
    if (missing) return 'the target value is missing';
    if (ctx.task === 'regression' && parseNumber(cell) === null) return `${quoteCell(cell)} is not a number`;
    return null;
  }
  if (missing) return dropMissing ? 'the value is missing' : null;
  return kind === 'numeric' && parseNumber(cell) === null ? `${quoteCell(cell)} is not a number` : null;
}
