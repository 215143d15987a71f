import { describe, expect, it } from 'vitest';
import { readCsv, type CsvOptions, type CsvTable } from '../../../src/data/csv';
import { applyStandardizer, fitStandardizer } from '../../../src/data/standardize';

function read(text: string, options: CsvOptions = {}): CsvTable {
  const r = readCsv(text, 'data.csv', options);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function fail(text: string, options: CsvOptions = {}): string {
  const r = readCsv(text, 'data.csv', options);
  if (r.ok) throw new Error('expected an error');
  expect(r.error.file).toBe('data.csv');
  return r.error.message;
}

const IRIS = `sepal;petal;species
5.1;1.4;setosa
7.0;4.7;versicolor
6.3;6.0;virginica
4.9;1.4;setosa
`;

describe('readCsv: classification', () => {
  it('detects delimiter and header, sorts class names, keeps numbers exact as float32', () => {
    const t = read(IRIS);
    expect(t.delimiter).toBe(';');
    expect(t.header).toBe(true);
    const ds = t.dataset;
    expect(ds.task).toBe('classification');
    expect(ds.count).toBe(4);
    expect(ds.inputShape).toEqual([2]);
    expect(ds.classes).toBe(3);
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.task === 'classification' && Array.from(ds.labels)).toEqual([0, 1, 2, 0]);
    expect(Array.from(ds.features)).toEqual([5.1, 1.4, 7.0, 4.7, 6.3, 6.0, 4.9, 1.4].map(Math.fround));
    expect(ds.target).toEqual({ name: 'species', source: 2 });
    expect(t.warnings).toEqual([]);
  });

  it('orders classes by first appearance on request, and numbers numerically when sorted', () => {
    const t = read('x,y\n1,b\n2,a\n3,b\n', { order: 'first-appearance' });
    expect(t.dataset.classNames).toEqual(['b', 'a']);
    const n = read('x,digit\n1,10\n2,9\n3,2\n');
    expect(n.dataset.task).toBe('classification');
    expect(n.dataset.classNames).toEqual(['2', '9', '10']);
  });

  it('one-hot encodes categorical features and describes every column', () => {
    const t = read('id,color,size,label\n1,red,3,y\n2,blue,4,n\n3,red,5,y\n', {
      columnTypes: { id: 'ignore' },
    });
    const ds = t.dataset;
    expect(ds.inputShape).toEqual([3]);
    expect(Array.from(ds.features)).toEqual([0, 1, 3, 1, 0, 4, 0, 1, 5]);
    expect(ds.columns).toEqual([
      { kind: 'ignored', name: 'id', source: 0, offset: 0, width: 0, reason: 'option' },
      {
        kind: 'one-hot',
        name: 'color',
        source: 1,
        offset: 0,
        width: 2,
        categories: ['blue', 'red'],
        missing: 0,
      },
      { kind: 'numeric', name: 'size', source: 2, offset: 2, width: 1, missing: 0, fill: 0 },
    ]);
  });

  it('takes the target by name (any case) or by 0-based index', () => {
    expect(read(IRIS, { target: 'SEPAL', task: 'regression' }).dataset.target.source).toBe(0);
    const byIndex = read(IRIS, { target: 0 }).dataset;
    expect(byIndex.task).toBe('regression');
    expect(byIndex.inputShape).toEqual([4]);
  });
});

describe('readCsv: regression', () => {
  it('infers regression for fractional targets and keeps the values', () => {
    const ds = read('x1,x2,y\n1,2,0.5\n3,4,1.25\n').dataset;
    expect(ds.task).toBe('regression');
    expect(ds.classes).toBe(0);
    expect(ds.task === 'regression' && Array.from(ds.targets)).toEqual([0.5, 1.25]);
  });

  it('refuses text in a regression target with line and column', () => {
    expect(fail('x,y\n1,2\n3,abc\n', { task: 'regression', missing: 'error' })).toBe(
      "line 3, column 'y': 'abc' is not a number",
    );
  });
});

describe('readCsv: problems name the place', () => {
  const rows = (n: number, bad: number, badRow: string): string =>
    ['a,b,c,d,e', ...Array.from({ length: n }, (_, i) => (i + 2 === bad ? badRow : `${i},1,2,3,x`))].join(
      '\n',
    );

  it('ragged rows: an error under "error", a warning and a dropped row otherwise', () => {
    const text = rows(8, 7, '1,2,3,x');
    expect(fail(text, { missing: 'error' })).toBe('line 7: expected 5 fields, found 4');
    const t = read(text);
    expect(t.dataset.count).toBe(7);
    expect(t.warnings).toEqual([
      { file: 'data.csv', line: 7, column: null, message: 'line 7: expected 5 fields, found 4; row dropped' },
    ]);
  });

  it("text in a numeric column: line 12, column 'age'", () => {
    const text = [
      'age,label',
      ...Array.from({ length: 12 }, (_, i) => (i + 2 === 12 ? 'abc,x' : `${i},x`)),
    ].join('\n');
    expect(fail(text, { missing: 'error' })).toBe("line 12, column 'age': 'abc' is not a number");
    expect(read(text, { missing: 'zero' }).warnings[0]).toMatchObject({ line: 12, column: "column 'age'" });
  });

  it.each([
    ['', {}, 'the file is empty'],
    ['\uFEFF \n\n', {}, 'the file is empty'],
    ['a,b,c\n', {}, 'the file has no data rows, only a header'],
    ['a,b\n1,2\n', { target: 'z' }, "unknown target column 'z' (columns: a, b)"],
    ['a,b\n1,2\n', { target: 2 }, 'target column index 2 is out of range (0 to 1)'],
    ['a,b\n1,x\n2,y\n3,z\n', { maxClasses: 2 }, "column 'b' has 3 classes, more than the limit of 2"],
    ['a,b\n1,\n2,\n', {}, "the target column 'b' has no values"],
    ['b\nx\ny\n', {}, 'there are no feature columns besides the target'],
    ['a,b\n1,"x\n', {}, 'line 2: a quoted field is never closed'],
    ['a,b\n1,2\n', { columnTypes: { q: 'ignore' } }, "columnTypes names an unknown column 'q'"],
  ] as [string, CsvOptions, string][])('refuses %j', (text, options, message) => {
    expect(fail(text, options)).toBe(message);
  });

  it('refuses a categorical feature with too many values, suggesting to ignore it', () => {
    const text = ['name,y', ...Array.from({ length: 5 }, (_, i) => `n${i},1`)].join('\n');
    expect(fail(text, { maxCategories: 4 })).toMatch(/column 'name' has 5 distinct values.*'ignore'/);
  });

  it('lists at most 100 warnings and counts the rest', () => {
    const text = ['a,y', ...Array.from({ length: 250 }, (_, i) => (i % 2 ? `${i},1` : `${i}`))].join('\n');
    const t = read(text);
    expect(t.dataset.count).toBe(125);
    expect(t.warnings).toHaveLength(101);
    expect(t.warnings[100]!.message).toBe('25 more problems like these were not listed');
  });
});

describe('readCsv: missing values', () => {
  const text = 'x,c,y\n1,a,p\n,b,q\n3,,p\nNA,a,\n5,b,q\n';

  it('drop-row drops rows with missing values, warning with the line', () => {
    const t = read(text, { missing: 'drop-row' });
    expect(t.dataset.count).toBe(2);
    expect(t.warnings.map((w) => w.line)).toEqual([3, 4, 5]);
    expect(t.warnings[0]!.message).toBe("line 3, column 'x': the value is missing; row dropped");
  });

  it('mean fills numbers with the mean of kept rows; zero fills 0; both leave an empty one-hot', () => {
    const mean = read(text, { missing: 'mean' });
    expect(mean.dataset.count).toBe(4); // the row without a target is still dropped
    expect(mean.warnings).toHaveLength(1);
    expect(Array.from(mean.dataset.features)).toEqual([1, 1, 0, 3, 0, 1, 3, 0, 0, 5, 0, 1]);
    expect(mean.dataset.columns[0]).toMatchObject({ kind: 'numeric', missing: 1, fill: 3 });
    const zero = read(text, { missing: 'zero' });
    expect(Array.from(zero.dataset.features.subarray(3, 6))).toEqual([0, 0, 1]);
  });

  it('error refuses the first missing value', () => {
    expect(fail(text, { missing: 'error' })).toBe("line 3, column 'x': the value is missing");
  });
});

describe('standardization', () => {
  it('fits on the training rows only and leaves one-hot columns alone', () => {
    const ds = read('x,c,k,y\n1,a,7,p\n3,b,7,q\n100,a,7,p\n').dataset;
    const s = fitStandardizer(ds, [0, 1]);
    expect(Array.from(s.mean)).toEqual([2, 0, 0, 7]);
    expect(Array.from(s.std)).toEqual([1, 1, 1, 1]); // k is constant: std 1, not 0
    const out = applyStandardizer(ds, s);
    expect(Array.from(out.features)).toEqual([-1, 1, 0, 0, 1, 0, 1, 0, 98, 1, 0, 0]);
    expect(ds.features[0]).toBe(1);
    expect(fitStandardizer(ds, []).std.every((v) => v === 1)).toBe(true);
  });
});
