import { ok, type Result } from '../util/result';
import { csvIssue, parseCsv, type CsvDelimiter, type CsvIssue } from './csv-parse';
import { readCsv } from './csv';
import type { CsvTable, MissingPolicy } from './csv-types';
import { numericFeatureIndices } from './standardize';
import { classBalance, divideImport, type ImportedParts, type ImportSplit } from './imported';

/** Everything a user chooses when importing a CSV file ('auto' = detect). */
export interface CsvImportSettings {
  delimiter: CsvDelimiter | 'auto';
  header: 'auto' | 'yes' | 'no';
  /** The target column's name; null = the last column. */
  target: string | null;
  task: 'auto' | 'classification' | 'regression';
  /** Per-column overrides, by name. */
  columnTypes: Record<string, 'numeric' | 'categorical' | 'ignore'>;
  missing: MissingPolicy;
  /** Standardize the numeric feature columns (fitted on the training part). */
  standardize: boolean;
  split: ImportSplit;
}

/** What an import would produce: the table read, the preview, the class balance and the parts. */
export interface CsvImportPreview {
  table: CsvTable;
  /** The first records of the file as text (header included when there is one). */
  head: string[][];
  /** Every column name of the file, in order. */
  columns: string[];
  /** Examples per class (classification only; null for regression). */
  balance: number[] | null;
  /** The divided parts (a regression set's split is never stratified); null when the split fails. */
  parts: ImportedParts | null;
  /** Why there are no parts (a split problem). */
  partsProblem: string | null;
}

/** Records shown in the preview table. */
export const PREVIEW_ROWS = 8;

/**
 * Reads a CSV file with the user's settings and prepares it for training. Never throws:
 * a problem comes back as a {@link CsvIssue} naming the line and column.
 */
export function prepareCsvImport(
  text: string,
  file: string,
  s: CsvImportSettings,
): Result<CsvImportPreview, CsvIssue> {
  const r = readCsv(text, file, {
    ...(s.delimiter !== 'auto' && { delimiter: s.delimiter }),
    ...(s.header !== 'auto' && { header: s.header === 'yes' }),
    ...(s.target !== null && { target: s.target }),
    ...(s.task !== 'auto' && { task: s.task }),
    missing: s.missing,
    columnTypes: s.columnTypes,
  });
  if (!r.ok) return r;
  const table = r.value;
  const head = parseCsv(text, table.delimiter, file, PREVIEW_ROWS + 1);
  if (!head.ok) return head;
  const ds = table.dataset;
  const columns = [...ds.columns.map((c) => c.name)];
  columns.splice(ds.target.source, 0, ds.target.name);
  const balance = ds.task === 'regression' ? null : classBalance(ds.labels, ds.classes);
  const parts = divideImport(ds, s.split, s.standardize ? numericFeatureIndices(ds) : []);
  return ok({
    table,
    head: head.value.rows,
    columns,
    balance,
    parts: parts.ok ? parts.value : null,
    partsProblem: parts.ok ? null : parts.error,
  });
}

/** A whole-file issue (for problems found outside the reader, such as an unreadable file). */
export const fileIssue = (file: string, message: string): CsvIssue => csvIssue(file, null, null, message);

/** Settings for a freshly picked file: everything detected, stratified 70/10/20 split, standardized. */
export const DEFAULT_CSV_SETTINGS: CsvImportSettings = {
  delimiter: 'auto',
  header: 'auto',
  target: null,
  task: 'auto',
  columnTypes: {},
  missing: 'drop-row',
  standardize: true,
  split: { validation: 0.1, test: 0.2, seed: 1, stratified: true },
};
