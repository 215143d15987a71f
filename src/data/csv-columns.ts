/**
 * Reading the cells of a CSV table: which cells are missing, which are numbers, what
 * type each column has, and whether the first record is a header.
 */

/** What a column holds, judged from its non-missing cells. */
export type ColumnType = 'numeric' | 'categorical' | 'empty';

/** Cell texts (trimmed, any case) that mean "no value", besides the empty cell. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/**
 * Share of non-missing cells that must be numbers for a column to count as numeric.
 * Below 1 so that a few typos in a numeric column are reported as typos (with their
 * line) instead of silently turning the column into hundreds of categories.
 */
export const NUMERIC_SHARE = 0.9;

// Plain decimal notation only: no hex, no thousands separators, no Infinity.
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const LONGEST_TOKEN = 4;

/** True when a cell means "no value". Leading and trailing spaces never matter. */
export function isMissing(cell: string): boolean {
  // Fast path for the common case, a long cell with no padding: called for every cell.
  const n = cell.length;
  if (n > LONGEST_TOKEN && cell.charCodeAt(0) > 32 && cell.charCodeAt(n - 1) > 32) return false;
  return MISSING_TOKENS.has(cell.trim().toLowerCase());
}

/** The cell as a finite number, or null when it is not plain decimal notation. */
export function parseNumber(cell: string): number | null {
  if (!NUMBER.test(cell)) return null;
  const v = Number(cell);
  return Number.isFinite(v) ? v : null;
}

/** Infers a column's type from its cells (header excluded). */
export function inferColumnType(cells: readonly string[]): ColumnType {
  let present = 0;
  let numeric = 0;
  for (const c of cells) {
    if (isMissing(c)) continue;
    present++;
    if (parseNumber(c) !== null) numeric++;
  }
  if (present === 0) return 'empty';
  return numeric >= NUMERIC_SHARE * present ? 'numeric' : 'categorical';
}

/** The cells of column `col` over `rows` (short rows give ''). */
export const columnCells = (rows: readonly (readonly string[])[], col: number): string[] =>
  rows.map((r) => r[col] ?? '');

/**
 * Guesses whether the first record is a header. It is when some column is numeric
 * below the first record but its first cell is text, or (for all-text tables) when
 * every first cell is distinct text that never appears again in its column.
 */
export function detectHeader(rows: readonly (readonly string[])[]): boolean {
  const first = rows[0];
  if (!first) return false;
  const textual = first.map((c) => !isMissing(c) && parseNumber(c) === null);
  if (rows.length === 1) return textual.every(Boolean);
  const rest = rows.slice(1, 201);
  for (let col = 0; col < first.length; col++) {
    if (textual[col] && inferColumnType(columnCells(rest, col)) === 'numeric') return true;
  }
  if (!textual.every(Boolean)) return false;
  const seen = new Set(first.map((c) => c.trim()));
  if (seen.size !== first.length) return false;
  return first.every((c, col) => !rest.some((r) => (r[col] ?? '').trim() === c.trim()));
}

/** Column names from the header (blank or repeated names get a number), or "column N". */
export function columnNames(header: readonly string[] | null, width: number): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    let name = header?.[i]?.trim() || `column ${i + 1}`;
    if (used.has(name)) name = `${name} (${i + 1})`;
    used.add(name);
    names.push(name);
  }
  return names;
}

/** How messages refer to a column: by its quoted name. */
export const columnRef = (name: string): string => `column '${name}'`;

/** Shortens a cell for a message so a runaway quoted field cannot flood the UI. */
export const quoteCell = (cell: string): string => `'${cell.length > 40 ? `${cell.slice(0, 37)}...` : cell}'`;
