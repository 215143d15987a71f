import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCatalogs, flattenCatalog, placeholdersOf } from '../../../scripts/i18n-missing.mjs';

const LOCALES = join(__dirname, '..', '..', '..', 'assets', 'locales');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(LOCALES, name), 'utf8'));

/**
 * Values that may read the same in Chinese: layer class names, activation names, brands,
 * file formats and units, and each language's own name in the switcher.
 */
const SAME_IN_CHINESE = new Set([
  ...['Conv2D', 'BatchNorm', 'Dense', 'MaxPool2D', 'AvgPool2D', 'Flatten', 'Dropout'],
  ...['DepthwiseConv2D', 'LayerNorm', 'GlobalAvgPool2D', 'GlobalMaxPool2D', 'Reshape', 'Add', 'Concatenate'],
  ...['ReLU', 'Sigmoid', 'Tanh', 'Softmax', 'Leaky ReLU', 'ELU', 'GELU', 'Swish (SiLU)'],
  ...['Layerloom', 'PyTorch', 'Fashion-MNIST', 'LeNet', 'LeNet-BN', 'English'],
  ...['MACs', 'RGB', 'PNG', 'CSV', 'p{rank}', 'WebGPU', 'WebGL'],
]);

/** True when a value has no Latin words once its placeholders are removed ("–", "{message}"). */
const hasNoWords = (value: string): boolean => !/[A-Za-z]/.test(value.replace(/\{\w+\}/g, ''));

describe('the Simplified Chinese catalog', () => {
  // Parsing here is the "valid JSON" check: a syntax error fails with the position.
  const en = readJson('en.json');
  const zh = readJson('zh-CN.json');

  it('has exactly the keys of the English catalog, all of them text', () => {
    const diff = compareCatalogs(en, zh);
    expect(diff.missing, 'missing from zh-CN (run node scripts/i18n-missing.mjs)').toEqual([]);
    expect(diff.extra, 'in zh-CN but no longer in en').toEqual([]);
    expect(diff.notText).toEqual([]);
  });

  it('keeps the placeholders of every value', () => {
    expect(compareCatalogs(en, zh).placeholders).toEqual([]);
  });

  it('keeps the markdown emphasis, paragraphs and lists of the lesson texts', () => {
    const zhFlat = flattenCatalog(zh);
    for (const [key, value] of flattenCatalog(en)) {
      if (!key.startsWith('lesson.') || typeof value !== 'string') continue;
      const translated = String(zhFlat.get(key));
      const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;
      expect(count(translated, /\*\*/g), `${key}: **`).toBe(count(value, /\*\*/g));
      expect(count(translated, /\n\n/g), `${key}: paragraphs`).toBe(count(value, /\n\n/g));
      expect(count(translated, /^- /gm), `${key}: list items`).toBe(count(value, /^- /gm));
    }
  });

  it('translates every value except names, formats and units', () => {
    const zhFlat = flattenCatalog(zh);
    const untranslated = [...flattenCatalog(en)]
      .filter(([key, value]) => typeof value === 'string' && zhFlat.get(key) === value)
      .filter(([, value]) => !SAME_IN_CHINESE.has(value as string) && !hasNoWords(value as string))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('is written in Chinese, not only copied: most values contain Han characters', () => {
    const values = [...flattenCatalog(zh).values()].filter((v): v is string => typeof v === 'string');
    const han = values.filter((v) => /\p{Script=Han}/u.test(v));
    expect(han.length / values.length).toBeGreaterThan(0.85);
  });
});

describe('compareCatalogs', () => {
  it('reports missing and extra keys, non-text leaves and placeholder changes', () => {
    const en = { a: { b: 'Hi {name}', c: 'x' }, d: '{n} of {m}' };
    const other = { a: { b: '你好 {nom}', e: 'y' }, d: { deep: 'z' } };
    expect(compareCatalogs(en, other)).toEqual({
      missing: ['a.c', 'd'],
      extra: ['a.e', 'd.deep'],
      notText: [],
      placeholders: [{ key: 'a.b', en: ['name'], translated: ['nom'] }],
    });
    expect(compareCatalogs(en, { a: { b: '{name}', c: 1 }, d: '{m} / {n}' }).notText).toEqual(['a.c']);
    expect(compareCatalogs(en, { a: { b: '{name}', c: 1 }, d: '{m} / {n}' }).placeholders).toEqual([]);
  });

  it('reads placeholders in single braces, once each', () => {
    expect(placeholdersOf('{a} and {b} and {a}, not { c }')).toEqual(['a', 'b']);
    expect(placeholdersOf(3)).toEqual([]);
  });
});
