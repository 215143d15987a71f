import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '../charts/insight.css';
import { MetricsCharts } from '../charts/MetricsCharts';
import { LayerInsights } from './LayerInsights';

const TABS = ['metrics', 'layers'] as const;
type Tab = (typeof TABS)[number];
const LABEL_KEYS: Record<Tab, string> = { metrics: 'ui.insight.metricsTab', layers: 'ui.insight.layersTab' };

/**
 * The training charts as two tabs: run metrics (loss, accuracy) and per-layer insight.
 * Only the open tab is mounted, so the hidden one draws nothing. Arrow keys, Home and
 * End move between the tabs (the WAI-ARIA tabs pattern).
 */
export function ChartTabs() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('metrics');
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="chart-tabs">
      <div
        className="chart-tabs__list"
        role="tablist"
        aria-label={t('ui.insight.tabs')}
        onKeyDown={onKeyDown}
      >
        {TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              refs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`chart-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={tab === id ? `chart-panel-${id}` : undefined}
            tabIndex={tab === id ? 0 : -1}
            className="chart-tabs__tab"
            onClick={() => setTab(id)}
          >
            {t(LABEL_KEYS[id])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`chart-panel-${tab}`} aria-labelledby={`chart-tab-${tab}`}>
        {tab === 'metrics' ? <MetricsCharts /> : <LayerInsights />}
      </div>
    </div>
  );
}
