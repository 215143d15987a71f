import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { APP_LANGUAGES, chooseLanguage, isAppLanguage } from '../i18n';

/** Compact enough to sit between the toolbar's icon buttons. */
const selectStyle: CSSProperties = { font: 'inherit', fontSize: 12, padding: '3px 4px' };

/**
 * The UI language switcher. Each language is named in itself, so a user who lands in a
 * language they cannot read still finds their own; the choice is remembered.
 */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = isAppLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('ui.language.label')}
      </label>
      <select
        id={id}
        value={current}
        title={t('ui.language.title')}
        style={selectStyle}
        onChange={(e) => {
          if (isAppLanguage(e.target.value)) chooseLanguage(i18n, e.target.value);
        }}
      >
        {APP_LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`ui.language.${lng}`)}
          </option>
        ))}
      </select>
    </>
  );
}
