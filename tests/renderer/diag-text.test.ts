import { describe, expect, it } from 'vitest';
import { diagHint, diagText, findingText } from '../../renderer/diag-text';
import { createI18n } from '../../renderer/i18n';
import { analyze } from '../../src/analysis/analyze';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import { chain } from '../unit/core/doc-helpers';
import { lenetWithDenseOnImage } from './doc-fixtures';

describe('diagnostic text in the UI language', () => {
  const diagnostic = () => {
    const d = analyze(lenetWithDenseOnImage()).diagnostics.find((x) => x.severity === 'error');
    expect(d).toBeDefined();
    return d!;
  };

  it('English gives the message analysis made', () => {
    const i18n = createI18n('en');
    const d = diagnostic();
    expect(diagText(i18n.t.bind(i18n), d)).toBe(d.message);
    expect(diagHint(i18n.t.bind(i18n), d)).toBe(d.hint);
  });

  it('Simplified Chinese re-renders it from the code and values', () => {
    const i18n = createI18n('zh-CN');
    const d = diagnostic();
    const text = diagText(i18n.t.bind(i18n), d);
    expect(text).not.toBe(d.message);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    // The values (the layer's name, the shapes) survive translation.
    for (const v of Object.values(d.values))
      if (typeof v === 'string' && v.length > 0) expect(text).toContain(v);
  });

  it('an unknown code falls back to the English text', () => {
    const i18n = createI18n('zh-CN');
    expect(
      diagText(i18n.t.bind(i18n), {
        code: 'no/such-code' as Diagnostic['code'],
        values: {},
        message: 'Plain English.',
      }),
    ).toBe('Plain English.');
  });
});

describe('a Regression output on a set with class labels', () => {
  const doc = chain([['input'], ['flatten'], ['dense', { units: 1 }], ['regression-output']]);
  const d = analyze(doc).diagnostics.find((x) => x.code === 'shape/regression-on-classes')!;

  it('names the built-in dataset by its shown name, in each language', () => {
    expect(d.values['dataset']).toBe('fashion-mnist');
    const en = createI18n('en');
    expect(diagText(en.t.bind(en), d)).toMatch(/the dataset 'Fashion-MNIST' has class labels \(10 classes\)/);
    const zh = createI18n('zh-CN');
    const text = diagText(zh.t.bind(zh), d);
    expect(text).toContain(zh.t('dataset.fashion-mnist'));
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(diagHint(zh.t.bind(zh), d)).toContain('10');
  });

  it("keeps an imported set's file name as it is", () => {
    const imported = analyze({
      ...chain([['input'], ['dense', { units: 1 }], ['regression-output']]),
      dataset: { kind: 'imported', id: 'h', name: 'iris.csv', inputShape: [4], classes: 3 },
    }).diagnostics.find((x) => x.code === 'shape/regression-on-classes')!;
    const en = createI18n('en');
    expect(diagText(en.t.bind(en), imported)).toBe(imported.message);
    expect(imported.message).toContain("'iris.csv'");
  });
});

describe('finding text in the UI language', () => {
  const finding = {
    code: 'health/dead-relu',
    message: 'English text.',
    values: { layer: 'conv1', pct: '80 %' },
  };

  it('re-renders a finding from its code and values in Simplified Chinese', () => {
    const i18n = createI18n('zh-CN');
    const text = findingText(i18n.t.bind(i18n), finding);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toContain('conv1');
  });

  it('keeps the English text when no values came with it', () => {
    const i18n = createI18n('zh-CN');
    expect(findingText(i18n.t.bind(i18n), { code: finding.code, message: 'English text.' })).toBe(
      'English text.',
    );
  });
});
