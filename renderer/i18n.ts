import i18next, { type i18n } from 'i18next';
import en from '../assets/locales/en.json';

/**
 * Creates the app's i18next instance with the English catalog. A fresh instance per
 * call (no global one), initialised synchronously because the resources are bundled.
 * The catalog writes placeholders as `{name}`, so interpolation uses single braces.
 */
export function createI18n(language = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en } },
    initAsync: false,
    interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
    returnNull: false,
  });
  return instance;
}
