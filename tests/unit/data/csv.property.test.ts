import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvOptions } from '../../../src/data/csv';
import { isMissing } from '../../../src/data/csv-columns';
import { CSV_DELIMITERS, formatCsv, parseCsv } from '../../../src/data/csv-parse';

// Text that looks like CSV often enough to reach deep into the reader.
const csvish = fc.string({
  unit: fc.constantFrom(
    ',',
    ';',
    '\t',
    '|',
    '"',
    '\n',
    '\r',
    ' ',
    '1',
    '2',
    '.',
    '-',
    'e',
    'a',
    'b',
    'NA',
    '',
  ),
});
const options: fc.Arbitrary<CsvOptions> = fc.record(
  {
    delimiter: fc.constantFrom(...CSV_DELIMITERS),
    header: fc.boolean(),
    target: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom('a', 'column 1', '')),
    task: fc.constantFrom('classification', 'regression'),
    missing: fc.constantFrom('drop-row', 'mean', 'zero', 'error'),
    order: fc.constantFrom('sorted', 'first-appearance'),
    maxClasses: fc.integer({ min: -5, max: 300 }),
    maxCategories: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: [] },
);

/** Reads and checks that the outcome is well formed, whatever it is. */
function readChecked(text: string, opts: CsvOptions): void {
  const r = readCsv(text, 'fuzz.csv', opts);
  if (!r.ok) {
    expect(r.error.file).toBe('fuzz.csv');
    expect(r.error.message.length).toBeGreaterThan(0);
    return;
  }
  const ds = r.value.dataset;
  const w = ds.inputShape[0]!;
  expect(ds.count).toBeGreaterThan(0);
  expect(ds.features.length).toBe(ds.count * w);
  expect(ds.features.every(Number.isFinite)).toBe(true);
  if (ds.task === 'classification') expect(ds.labels.every((l) => l < ds.classes)).toBe(true);
  else expect(ds.targets.every(Number.isFinite)).toBe(true);
}

describe('readCsv never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => readChecked(s, {})));
  });

  it('on arbitrary bytes decoded as UTF-8', () => {
    const decoder = new TextDecoder();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => readChecked(decoder.decode(b), {})));
  });

  it('on CSV-like text with any options', () => {
    fc.assert(fc.property(csvish, options, readChecked), { numRuns: 300 });
  });
});

describe('round trips', () => {
  it('parseCsv(formatCsv(rows)) gives back any table of strings exactly', () => {
    const rows = fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(rows, fc.constantFrom(...CSV_DELIMITERS), (table, d) => {
        const r = parseCsv(formatCsv(table, d), d, 't.csv');
        expect(r.ok && r.value.rows).toEqual(table);
      }),
    );
  });

  // float32 values (no -0, which prints as "0") and class names that are neither blank-padded nor missing tokens.
  const value = fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
  const className = fc
    .string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ';', ' ', 'é'),
      minLength: 1,
      maxLength: 6,
    })
    .filter((s) => s.trim() === s && !isMissing(s));

  it('readCsv gives back generated numbers and quoted class names exactly', () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((k) =>
      fc.array(fc.tuple(fc.array(value, { minLength: k, maxLength: k }), className), {
        minLength: 1,
        maxLength: 12,
      }),
    );
    fc.assert(
      fc.property(table, fc.constantFrom(...CSV_DELIMITERS), (rows, d) => {
        const k = rows[0]![0].length;
        const header = [...Array.from({ length: k }, (_, i) => `x${i}`), 'label'];
        const text = formatCsv([header, ...rows.map(([xs, c]) => [...xs.map(String), c])], d);
        const opts: CsvOptions = {
          delimiter: d,
          header: true,
          task: 'classification',
          order: 'first-appearance',
        };
        const r = readCsv(text, 'rt.csv', opts);
        if (!r.ok) throw new Error(r.error.message);
        const ds = r.value.dataset;
        expect(Array.from(ds.features)).toEqual(rows.flatMap(([xs]) => xs));
        expect(ds.task === 'classification' && Array.from(ds.labels, (l) => ds.classNames[l])).toEqual(
          rows.map(([, c]) => c),
        );
        expect(r.value.warnings).toEqual([]);
      }),
    );
  });
});
