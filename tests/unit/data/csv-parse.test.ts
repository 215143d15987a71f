import { describe, expect, it } from 'vitest';
import { detectHeader, inferColumnType, parseNumber } from '../../../src/data/csv-columns';
import { detectDelimiter, formatCsv, parseCsv } from '../../../src/data/csv-parse';

function records(text: string, d = ','): { rows: string[][]; lines: number[] } {
  const r = parseCsv(text, d, 'f.csv');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseCsv (RFC 4180)', () => {
  it('splits fields, honours quotes, doubled quotes and quoted newlines', () => {
    const r = records('a,"b,c","say ""hi"""\r\n1,"two\nlines",3\n');
    expect(r.rows).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
    expect(r.lines).toEqual([1, 2]);
  });

  it('counts lines across quoted newlines, skips blank lines and a BOM, keeps empty fields', () => {
    const r = records('\uFEFFx,y\n"1\r\n\r\n",2\n\n3,\n,\n""\n');
    expect(r.rows).toEqual([['x', 'y'], ['1\r\n\r\n', '2'], ['3', ''], ['', ''], ['']]);
    expect(r.lines).toEqual([1, 2, 6, 7, 8]);
  });

  it('handles CR-only line ends and a missing final newline', () => {
    expect(records('a;b\r1;2', ';').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('is lenient with stray quotes, and reports a quote that never closes with its line', () => {
    expect(records('a"b,"c"d\n').rows).toEqual([['a"b', 'cd']]);
    const r = parseCsv('a,b\n1,2\n3,"open\n4,5\n', ',', 'f.csv');
    expect(!r.ok && r.error).toMatchObject({
      file: 'f.csv',
      line: 3,
      message: 'line 3: a quoted field is never closed',
    });
  });

  it('formatCsv is the inverse of parseCsv', () => {
    const rows = [['', 'a,b', '"q"'], ['line\nbreak', 'x\r\ny', ' sp '], ['']];
    expect(records(formatCsv(rows)).rows).toEqual(rows);
    expect(records(formatCsv(rows, '\t'), '\t').rows).toEqual(rows);
  });
});

describe('detection', () => {
  it.each([',', ';', '\t', '|'] as const)('detects the delimiter %j', (d) => {
    const text = ['name,x', 'a,1', '"b;c|d\te",2'].map((l) => l.replaceAll(',', d)).join('\n');
    expect(detectDelimiter(text, 'f')).toBe(d);
  });

  it('prefers the delimiter that splits consistently over one that splits more', () => {
    expect(detectDelimiter('a;b,c\n1;2,5\n3;4\n', 'f')).toBe(';');
    expect(detectDelimiter('just one column\nvalues\n', 'f')).toBe(',');
  });

  it.each([
    [
      [
        ['age', 'label'],
        ['3', 'x'],
        ['4', 'y'],
      ],
      true,
    ],
    [
      [
        ['1', 'x'],
        ['3', 'x'],
        ['4', 'y'],
      ],
      false,
    ],
    [
      [
        ['color', 'size'],
        ['red', 'big'],
        ['blue', 'small'],
      ],
      true,
    ],
    [
      [
        ['red', 'big'],
        ['blue', 'small'],
        ['red', 'small'],
      ],
      false,
    ],
    [[['a', 'b']], true],
    [[['1', '2']], false],
  ])('header detection %#', (rows, expected) => {
    expect(detectHeader(rows)).toBe(expected);
  });

  it('reads plain decimal numbers only and infers column types', () => {
    expect(['1', ' -2.5 ', '.5', '1e3', '+4.'].map(parseNumber)).toEqual([1, -2.5, 0.5, 1000, 4]);
    expect(['0x10', '1,5', 'Infinity', '', '1e999', '--1'].map(parseNumber)).toEqual(Array(6).fill(null));
    expect(inferColumnType(['1', '2', 'NA', ''])).toBe('numeric');
    expect(inferColumnType(['1', 'b', 'c'])).toBe('categorical');
    expect(inferColumnType(['', ' ', '?'])).toBe('empty');
    expect(inferColumnType([...Array(19).fill('1'), 'oops'])).toBe('numeric');
  });
});
