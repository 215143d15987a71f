import { err, ok, type Result } from '../util/result';

/**
 * A problem found in a CSV file. `message` is a full sentence that already names the
 * place ("line 7: expected 5 fields, found 4"); `line` (1-based) and `column` repeat it
 * as data so a UI can jump there. Both are null for whole-file problems.
 */
export interface CsvIssue {
  file: string;
  line: number | null;
  column: string | null;
  message: string;
}

/** Records of a CSV file, with the 1-based line each record starts on (quoted newlines span lines). */
export interface CsvRecords {
  rows: string[][];
  lines: number[];
}

/** The delimiters {@link detectDelimiter} considers, in order of preference on a tie. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
/** One of {@link CSV_DELIMITERS}. */
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Builds an issue whose message starts with the line, the way every CSV message does. */
export function csvIssue(file: string, line: number | null, column: string | null, text: string): CsvIssue {
  const place = line === null ? '' : column === null ? `line ${line}: ` : `line ${line}, ${column}: `;
  return { file, line, column, message: place + text };
}

/**
 * Splits CSV text into records (RFC 4180): fields in double quotes may hold the
 * delimiter, newlines and doubled quotes. Lenient where the RFC is strict but the
 * intent is clear: a quote inside an unquoted field is kept as text, and text after a
 * closing quote is appended. Blank lines are skipped; a leading byte-order mark is
 * dropped. Stops after `limit` records (delimiter detection reads only a sample).
 */
export function parseCsv(
  text: string,
  delimiter: string,
  file: string,
  limit = Infinity,
): Result<CsvRecords, CsvIssue> {
  const n = text.length;
  const rows: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row: string[] = [];
  let rowLine = 1;
  let rowStart = i;
  const d = delimiter.charCodeAt(0);
  while (rows.length < limit) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const q = readQuoted(text, i + 1);
      if (q === null) return err(csvIssue(file, line, null, 'a quoted field is never closed'));
      line += countLineBreaks(text, i, q.end);
      const tail = scanField(text, q.end, d);
      value = q.value + text.slice(q.end, tail);
      i = tail;
    } else {
      const end = scanField(text, i, d);
      value = text.slice(i, end);
      i = end;
    }
    row.push(value);
    if (i < n && text.charCodeAt(i) === d) {
      i++;
      continue;
    }
    // End of record: a line break or the end of the text. Only a line with no characters
    // at all is blank: a lone "" is a record with one empty field.
    if (i > rowStart) {
      rows.push(row);
      lines.push(rowLine);
    }
    if (i >= n) break;
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    row = [];
    rowLine = line;
    rowStart = i;
    if (i >= n) break;
  }
  return ok({ rows, lines });
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Index of the next delimiter or line break at or after `i` (or the text length). */
function scanField(text: string, i: number, d: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === d || c === LF || c === CR) return i;
    i++;
  }
  return n;
}

/** Reads a quoted field's content from just after its opening quote; null when never closed. */
function readQuoted(text: string, i: number): { value: string; end: number } | null {
  let value = '';
  for (;;) {
    const j = text.indexOf('"', i);
    if (j < 0) return null;
    value += text.slice(i, j);
    if (text.charCodeAt(j + 1) !== QUOTE) return { value, end: j + 1 };
    value += '"';
    i = j + 2;
  }
}

/** Line breaks in text[from, to): CRLF counts once, a lone CR or LF once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Picks the delimiter that splits the first records into the most consistent number of
 * fields (more than one), then the most fields; a comma when nothing splits.
 */
export function detectDelimiter(text: string, file: string): CsvDelimiter {
  let best: { d: CsvDelimiter; share: number; fields: number } = { d: ',', share: 0, fields: 1 };
  for (const d of CSV_DELIMITERS) {
    const parsed = parseCsv(text, d, file, 50);
    if (!parsed.ok || parsed.value.rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of parsed.value.rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    const [fields, hits] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const share = hits / parsed.value.rows.length;
    if (fields > 1 && (share > best.share || (share === best.share && fields > best.fields))) {
      best = { d, share, fields };
    }
  }
  return best.d;
}

/** Writes records as CSV, quoting only the fields that need it (the inverse of {@link parseCsv}). */
export function formatCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  const needsQuotes = (v: string): boolean =>
    v.includes(delimiter) ||
    v.includes('"') ||
    v.includes('\n') ||
    v.includes('\r') ||
    v === '' ||
    v.startsWith('\uFEFF');
  const field = (v: string): string => (needsQuotes(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(field).join(delimiter)).join('\r\n') + '\r\n';
}
