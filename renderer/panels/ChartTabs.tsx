import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '../charts/insight.css';
import '../charts/runs.css';
import { MetricsCharts } from '../charts/MetricsCharts';
import { CHART_TABS as TABS, type ChartTab as Tab } from '../state/runs-view-store';
import { useRunsView, useStores } from '../state/stores';
import { EvaluationPanel } from './EvaluationPanel';
import { LayerInsights } from './LayerInsights';
import { RunsPanel } from './RunsPanel';

const LABEL_KEYS: Record<Tab, string> = {
  metrics: 'ui.insight.metricsTab',
  layers: 'ui.insight.layersTab',
  runs: 'ui.runs.tab',
  evaluation: 'ui.evaluation.tab',
};

/** The open tab's content. */
function TabContent({ tab }: { tab: Tab }) {
  switch (tab) {
    case 'metrics':
      return <MetricsCharts />;
    case 'layers':
      return <LayerInsights />;
    case 'runs':
      return <RunsPanel />;
    case 'evaluation':
      return <EvaluationPanel />;
  }
}

/**
 * The training charts as tabs: run metrics (loss, accuracy), per-layer insight, the run
 * history with its overlay, and the evaluation of the last run.
 * Only the open tab is mounted, so the hidden one draws nothing. Arrow keys, Home and
 * End move between the tabs (the WAI-ARIA tabs pattern).
 */
export function ChartTabs() {
  const { t } = useTranslation();
  // The open tab lives in the runs view store, so an experiment can open Runs when it ends.
  const tab = useRunsView((s) => s.tab);
  const setTab = useStores().runs.getState().setTab;
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
    <div className="chart-tabs" data-tab={tab}>
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
        <TabContent tab={tab} />
      </div>
    </div>
  );
}
