import { useTranslation } from 'react-i18next';
import { ExperimentRace } from '../charts/ExperimentRace';
import { RunsOverlay } from '../charts/RunsOverlay';
import { useDocument, useRunsView } from '../state/stores';
import { RunsTable } from './RunsTable';
import { pickedRuns, runLabel } from './runs-view';

/**
 * The Runs tab: the project's run history, and an overlay of the runs picked in it. While
 * an experiment runs, its variants' curves grow live in the overlay's place; when it
 * ends, its recorded runs are picked and overlaid.
 */
export function RunsPanel() {
  const { t } = useTranslation();
  const runs = useDocument((s) => s.doc.runs);
  const selected = useRunsView((s) => s.selected);
  const racing = useRunsView((s) => s.experiment !== null);
  if (runs.length === 0 && !racing) return <p className="panel__empty">{t('ui.runs.empty')}</p>;
  const labels = runs.map((r, i) => runLabel(r, i, t));
  const picked = pickedRuns(runs, selected);
  const pickedLabels = picked.map((r) => labels[runs.indexOf(r)]!);
  return (
    <div className="runs">
      {racing ? (
        <ExperimentRace />
      ) : picked.length >= 2 ? (
        <RunsOverlay runs={picked} labels={pickedLabels} />
      ) : (
        <p className="panel__empty">{t('ui.runs.pickHint')}</p>
      )}
      {runs.length > 0 && <RunsTable runs={runs} labels={labels} />}
    </div>
  );
}
