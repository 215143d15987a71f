import type { ColumnType } from './csv-columns';
import type { CsvDelimiter, CsvIssue } from './csv-parse';
import type { VectorDataset } from './vectors';

/**
 * What to do with a missing feature value (an empty cell, or NA, N/A, NaN, null, none, ?):
 * `drop-row` drops the row with a warning; `mean` fills a numeric cell with the column
 * mean of the rows kept; `zero` fills it with 0; `error` refuses the file. Under `mean`
 * and `zero` a missing categorical cell becomes an all-zero one-hot. A missing target
 * always drops the row (with a warning), except under `error`.
 */
export type MissingPolicy = 'drop-row' | 'mean' | 'zero' | 'error';

/**
 * Order of class labels and of one-hot categories. `sorted` (the default) sorts numbers
 * numerically when every name is a number and by UTF-16 code units otherwise, so the
 * mapping does not change when the file's rows are reordered; `first-appearance`
 * follows the order of the kept rows.
 */
export type CategoryOrder = 'sorted' | 'first-appearance';

/** Options of {@link readCsv}; every one has a default. */
export interface CsvOptions {
  /** Detected when absent: the one of `,` `;` tab `|` that splits rows most consistently. */
  delimiter?: CsvDelimiter;
  /** Whether the first record names the columns; detected when absent. */
  header?: boolean;
  /** The column to predict, by name or by 0-based index; the last column by default. */
  target?: string | number;
  /**
   * Inferred when absent: classification for a text target, or a numeric target of at
   * most {@link INFERRED_CLASS_LIMIT} distinct whole numbers; regression otherwise.
   */
  task?: 'classification' | 'regression';
  /** Defaults to `drop-row`. */
  missing?: MissingPolicy;
  /** Defaults to `sorted`. */
  order?: CategoryOrder;
  /** Most classes allowed (at most 256, since labels are bytes); 256 by default. */
  maxClasses?: number;
  /** Most distinct values a categorical feature may one-hot into; 100 by default. */
  maxCategories?: number;
  /** Overrides the inferred type of columns, by name; `ignore` leaves a column out (IDs, free text). */
  columnTypes?: Record<string, 'numeric' | 'categorical' | 'ignore'>;
}

/** Most distinct whole numbers a numeric target may hold and still be read as class labels. */
export const INFERRED_CLASS_LIMIT = 20;

/** How one column of the file became input features: `offset` and `width` locate it in a row. */
export type InputColumn =
  | { kind: 'numeric'; name: string; source: number; offset: number; width: 1; missing: number; fill: number }
  | {
      kind: 'one-hot';
      name: string;
      source: number;
      offset: number;
      width: number;
      categories: string[];
      missing: number;
    }
  | { kind: 'ignored'; name: string; source: number; offset: number; width: 0; reason: 'empty' | 'option' };

/** A CSV file read as a dataset: the vectors plus how they were made. */
export type TabularDataset = VectorDataset & {
  /** Every non-target column of the file, in file order. */
  columns: InputColumn[];
  target: { name: string; source: number };
};

/** What {@link readCsv} returns: the dataset, what it decided, and the rows it left out. */
export interface CsvTable {
  dataset: TabularDataset;
  delimiter: CsvDelimiter;
  header: boolean;
  /** Dropped rows and other problems that did not stop the reading, at most 100 plus a summary. */
  warnings: CsvIssue[];
}

/** A column's resolved treatment before encoding. */
export type ColumnKind = ColumnType | 'ignored';
