import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chooseLanguage,
  createI18n,
  detectLanguage,
  initialLanguage,
  LANGUAGE_STORAGE_KEY,
} from '../../renderer/i18n';
import { ViewToolbar } from '../../renderer/panels/ViewToolbar';
import { renderInApp } from './render-app';

/** A storage that only remembers, for the pure start-up choice. */
const memoryStorage = (initial: Record<string, string> = {}) => {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
};

afterEach(() => {
  localStorage.clear();
  document.documentElement.setAttribute('lang', 'en');
});

describe('detectLanguage', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-SG', 'en'], 'zh-CN'],
    [['zh-Hans-HK'], 'zh-CN'],
    [['zh_CN'], 'zh-CN'],
    [['de-DE', 'zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'en'],
    [['zh-HK', 'zh-CN'], 'zh-CN'],
    [['zh-Hant'], 'en'],
    [['zh-Hant-CN'], 'en'],
    [['zh-MO'], 'en'],
    [['en-US', 'zh-CN'], 'en'],
    [['en-GB'], 'en'],
    [['fr-FR', 'ja'], 'en'],
    [[], 'en'],
  ] as const)('%j -> %s', (languages, expected) => {
    expect(detectLanguage(languages)).toBe(expected);
  });
});

describe('initialLanguage', () => {
  it('prefers a remembered choice over the system languages', () => {
    expect(initialLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'zh-CN' }))).toBe('zh-CN');
  });

  it('ignores a remembered value that is not one of ours and follows the system (en-US here)', () => {
    expect(navigator.languages[0]).toBe('en-US');
    expect(initialLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'klingon' }))).toBe('en');
    expect(initialLanguage(null)).toBe('en');
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(initialLanguage(broken)).toBe('en');
    const i18n = createI18n('en');
    chooseLanguage(i18n, 'zh-CN', broken);
    expect(i18n.language).toBe('zh-CN');
  });
});

describe('switching the language', () => {
  it('starts in English in tests, relabels the UI in Chinese and back, and remembers it', () => {
    renderInApp(<ViewToolbar />);
    expect(screen.getByRole('button', { name: 'Fit to view' })).toBeTruthy();
    const select = screen.getByRole('combobox', { name: 'Language' });

    fireEvent.change(select, { target: { value: 'zh-CN' } });
    expect(screen.getByRole('button', { name: '适应视图' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Fit to view' })).toBeNull();
    expect(screen.getByRole('combobox', { name: '语言（Language）' })).toBeTruthy();
    expect(document.documentElement.getAttribute('lang')).toBe('zh-CN');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');

    fireEvent.change(screen.getByRole('combobox', { name: '语言（Language）' }), { target: { value: 'en' } });
    expect(screen.getByRole('button', { name: 'Fit to view' })).toBeTruthy();
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });

  it('starts a new session in the remembered language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'zh-CN');
    const i18n = createI18n();
    expect(i18n.t('ui.toolbar.fit')).toBe('适应视图');
    expect(i18n.t('ui.training.blocked', { count: 2, message: 'x' })).toBe(
      '修复 2 个错误后才能训练。第一个：x',
    );
    expect(document.documentElement.getAttribute('lang')).toBe('zh-CN');
  });
});
