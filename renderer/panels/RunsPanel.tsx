import { useTranslation } from 'react-i18next';
import { RunsOverlay } from '../charts/RunsOverlay';
import { useDocument, useRunsView } from '../state/stores';
import { RunsTable } from './RunsTable';
import { pickedRuns, runLabel } from './runs-view';

/** The Runs tab: the project's run history, and an overlay of the runs picked in it. */
export function RunsPanel() {
  const { t } = useTranslation();
  const runs = useDocument((s) => s.doc.runs);
  const selected = useRunsView((s) => s.selected);
  if (runs.length === 0) return <p className="panel__empty">{t('ui.runs.empty')}</p>;
  const labels = runs.map((r, i) => runLabel(r, i, t));
  const picked = pickedRuns(runs, selected);
  const pickedLabels = picked.map((r) => labels[runs.indexOf(r)]!);
  return (
    <div className="runs">
      {picked.length >= 2 ? (
        <RunsOverlay runs={picked} labels={pickedLabels} />
      ) : (
        <p className="panel__empty">{t('ui.runs.pickHint')}</p>
      )}
      <RunsTable runs={runs} labels={labels} />
    </div>
  );
}
