import i18next, { type i18n } from 'i18next';
import en from '../assets/locales/en.json';
import zhCN from '../assets/locales/zh-CN.json';

/** The UI languages, as BCP 47 tags; the first is the fallback. */
export const APP_LANGUAGES = ['en', 'zh-CN'] as const;
/** One of the UI languages. */
export type AppLanguage = (typeof APP_LANGUAGES)[number];

/** Where the user's explicit language choice is remembered (localStorage). */
export const LANGUAGE_STORAGE_KEY = 'layerloom.language';

/** The storage the choice is kept in; a parameter so tests and odd hosts can pass their own. */
type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** True for one of the app's language tags. */
export function isAppLanguage(value: unknown): value is AppLanguage {
  return typeof value === 'string' && (APP_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps one browser language tag to a UI language, or null when we have none for it.
 * Chinese counts as Simplified unless the tag names the Traditional script or a region
 * that writes it (Taiwan, Hong Kong, Macau); an explicit `Hans` script always wins.
 */
function matchTag(tag: string): AppLanguage | null {
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  if (parts[0] === 'en') return 'en';
  if (parts[0] !== 'zh') return null;
  const rest = parts.slice(1);
  if (rest.includes('hans')) return 'zh-CN';
  if (rest.includes('hant') || rest.some((p) => p === 'tw' || p === 'hk' || p === 'mo')) return null;
  return 'zh-CN';
}

/**
 * Picks the UI language from the system's ordered preference list (navigator.languages):
 * the first tag we have a language for decides, and English is the fallback.
 */
export function detectLanguage(preferred: readonly string[]): AppLanguage {
  for (const tag of preferred) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return 'en';
}

/** The browser's localStorage, or null where it is missing or access throws (sandboxed frames). */
function browserStorage(): ChoiceStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The language to start in: the remembered choice, else the system's preference. */
export function initialLanguage(storage: ChoiceStorage | null = browserStorage()): AppLanguage {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (isAppLanguage(stored)) return stored;
  if (typeof navigator === 'undefined') return 'en';
  const list = navigator.languages?.length ? navigator.languages : [navigator.language];
  return detectLanguage(list.filter((t): t is string => typeof t === 'string'));
}

/** Switches the UI language (re-rendering every translated component) and remembers it. */
export function chooseLanguage(
  instance: i18n,
  language: AppLanguage,
  storage: ChoiceStorage | null = browserStorage(),
): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // A full or blocked storage only loses the memory of the choice, not the switch.
  }
  void instance.changeLanguage(language);
}

/** Keeps <html lang> equal to the UI language, for screen readers and CJK font selection. */
function followDocumentLanguage(instance: i18n): void {
  if (typeof document === 'undefined') return;
  const apply = (lng: string) => document.documentElement.setAttribute('lang', lng);
  instance.on('languageChanged', apply);
  apply(instance.language);
}

/**
 * Creates the app's i18next instance with the English and Simplified Chinese catalogs.
 * A fresh instance per call (no global one), initialised synchronously because the
 * resources are bundled. Without an argument it starts in the remembered or the system
 * language (English in tests: Playwright runs en-US and happy-dom reports en-US).
 * The catalog writes placeholders as `{name}`, so interpolation uses single braces.
 */
export function createI18n(language: string = initialLanguage()): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    initAsync: false,
    interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
    returnNull: false,
  });
  followDocumentLanguage(instance);
  return instance;
}
