import { describe, expect, it } from 'vitest';
import {
  formatValue,
  parseName,
  parseNumber,
  parseOptionalCount,
  parseParam,
  parseTextParam,
  pytorchMomentum,
} from '../../renderer/panels/field-parsing';
import type { ParamSpec } from '../../src/layers/spec';
import { specOf } from '../../src/layers/registry';

const filters = specOf('conv2d')!.params['filters']!;
const momentum = specOf('batch-norm')!.params['momentum']!;
if (filters.type !== 'int' || momentum.type !== 'float') throw new Error('fixture');

describe('parameter parsing', () => {
  it.each([
    ['16', { ok: true, value: 16 }],
    [' 6 ', { ok: true, value: 6 }],
    ['', { ok: false, key: 'ui.validate.required', values: {} }],
    ['abc', { ok: false, key: 'ui.validate.notNumber', values: {} }],
    ['2.5', { ok: false, key: 'ui.validate.notInteger', values: {} }],
    ['0', { ok: false, key: 'ui.validate.range', values: { min: 1, max: 4096 } }],
    ['5000', { ok: false, key: 'ui.validate.range', values: { min: 1, max: 4096 } }],
  ])('int %j', (text, expected) => {
    expect(parseParam(filters, text)).toEqual(expected);
  });

  it('accepts floats and exponents within bounds', () => {
    expect(parseParam(momentum, '0.99')).toEqual({ ok: true, value: 0.99 });
    expect(parseParam(momentum, '1e-1')).toEqual({ ok: true, value: 0.1 });
    expect(parseParam(momentum, '1.5').ok).toBe(false);
    expect(parseParam(momentum, 'Infinity').ok).toBe(false);
  });

  it('checks positive and one-sided bounds', () => {
    expect(parseNumber('0', { integer: false, positive: true })).toMatchObject({
      key: 'ui.validate.positive',
    });
    expect(parseNumber('2000', { integer: false, max: 1000 })).toMatchObject({ key: 'ui.validate.max' });
    expect(parseNumber('0', { integer: true, min: 1 })).toMatchObject({ key: 'ui.validate.min' });
  });
});

describe('other fields', () => {
  it('trims names and refuses blank ones', () => {
    expect(parseName('  conv 1 ')).toEqual({ ok: true, value: 'conv 1' });
    expect(parseName('   ').ok).toBe(false);
  });

  it('reads an empty training-example cap as no cap', () => {
    expect(parseOptionalCount('', 'All')).toEqual({ ok: true, value: null });
    expect(parseOptionalCount('all', 'All')).toEqual({ ok: true, value: null });
    expect(parseOptionalCount('1024', 'All')).toEqual({ ok: true, value: 1024 });
    expect(parseOptionalCount('0', 'All').ok).toBe(false);
    expect(parseOptionalCount('1.5', 'All').ok).toBe(false);
  });

  it('formats values and the PyTorch momentum without float noise', () => {
    expect(formatValue(null)).toBe('');
    expect(formatValue(1e-5)).toBe('0.00001');
    expect(pytorchMomentum(0.9)).toBe('0.1');
    expect(pytorchMomentum(0.99)).toBe('0.01');
  });
});

describe('parseTextParam', () => {
  const reshape = specOf('reshape')!.params.targetShape as Extract<ParamSpec, { type: 'text' }>;
  it('accepts a value matching the spec pattern', () => {
    expect(parseTextParam(reshape, ' 7,7,16 ')).toEqual({ ok: true, value: '7,7,16' });
  });
  it('refuses other text with an example of the form', () => {
    expect(parseTextParam(reshape, 'seven')).toMatchObject({ ok: false, key: 'ui.validate.pattern' });
    expect(parseTextParam(reshape, '')).toMatchObject({ ok: false, key: 'ui.validate.required' });
  });
});
