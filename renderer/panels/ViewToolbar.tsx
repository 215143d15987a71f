import { useTranslation } from 'react-i18next';
import { useFitView } from '../canvas/use-arrange';
import { useSession, useStores } from '../state/stores';
import { LanguageSelect } from './LanguageSelect';
import { ToolIcon, type ToolIconName } from './ToolIcon';

/** A toolbar button that stays pressed while its setting is on. */
function ToggleButton({
  label,
  title,
  icon,
  pressed,
  onToggle,
}: {
  label: string;
  title: string;
  icon: ToolIconName;
  pressed: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="button button--icon button--toggle"
      aria-label={label}
      title={title}
      aria-pressed={pressed}
      onClick={onToggle}
    >
      <ToolIcon name={icon} />
    </button>
  );
}

/** The view actions: fit to view, snap to grid, the model summary, the colour theme and the language. */
export function ViewToolbar() {
  const { t } = useTranslation();
  const stores = useStores();
  const fit = useFitView();
  const snap = useSession((s) => s.snapToGrid);
  const summaryOpen = useSession((s) => s.summaryOpen);
  const dark = useSession((s) => s.theme === 'dark');
  const session = () => stores.session.getState();
  return (
    <div className="toolbar__actions toolbar__view" role="toolbar" aria-label={t('ui.toolbar.view')}>
      <button
        type="button"
        className="button button--icon"
        aria-label={t('ui.toolbar.fit')}
        title={t('ui.toolbar.fitTitle')}
        aria-keyshortcuts="Control+Shift+F"
        onClick={fit}
      >
        <ToolIcon name="fit" />
      </button>
      <ToggleButton
        label={t('ui.toolbar.snap')}
        title={t('ui.toolbar.snapTitle')}
        icon="snap"
        pressed={snap}
        onToggle={() => session().toggleSnap()}
      />
      <ToggleButton
        label={t('ui.toolbar.summary')}
        title={t('ui.toolbar.summaryTitle')}
        icon="summary"
        pressed={summaryOpen}
        onToggle={() => session().setSummaryOpen(!summaryOpen)}
      />
      <ToggleButton
        label={t('ui.toolbar.darkTheme')}
        title={t('ui.toolbar.darkThemeTitle')}
        icon="theme"
        pressed={dark}
        onToggle={() => session().setTheme(dark ? 'light' : 'dark')}
      />
      <LanguageSelect />
    </div>
  );
}
