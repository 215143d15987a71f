import { useTranslation } from 'react-i18next';
import { useFitView } from '../canvas/use-arrange';
import { useSession, useStores } from '../state/stores';

/** A toolbar button that stays pressed while its setting is on. */
function ToggleButton({
  label,
  pressed,
  onToggle,
}: {
  label: string;
  pressed: boolean;
  onToggle: () => void;
}) {
  return (
    <button type="button" className="button button--toggle" aria-pressed={pressed} onClick={onToggle}>
      {label}
    </button>
  );
}

/** The view actions: fit to view, snap to grid, the model summary and the colour theme. */
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
        className="button"
        title={t('ui.toolbar.fitTitle')}
        aria-keyshortcuts="Control+Shift+F"
        onClick={fit}
      >
        {t('ui.toolbar.fit')}
      </button>
      <ToggleButton label={t('ui.toolbar.snap')} pressed={snap} onToggle={() => session().toggleSnap()} />
      <ToggleButton
        label={t('ui.toolbar.summary')}
        pressed={summaryOpen}
        onToggle={() => session().setSummaryOpen(!summaryOpen)}
      />
      <ToggleButton
        label={t('ui.toolbar.darkTheme')}
        pressed={dark}
        onToggle={() => session().setTheme(dark ? 'light' : 'dark')}
      />
    </div>
  );
}
