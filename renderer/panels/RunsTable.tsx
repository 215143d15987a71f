import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { datasetTask } from '../../src/graph/datasets';
import type { RunRecord } from '../../src/graph/document';
import { deleteRuns, renameRun } from '../../src/graph/runs';
import { useRunsView, useStores } from '../state/stores';
import { configSummary, metricText, runColor } from './runs-view';
import { formatDuration } from './training-view';

/** Props: every run (oldest first) and its display label. */
export interface RunsTableProps {
  runs: readonly RunRecord[];
  labels: readonly string[];
}

/**
 * The run history as a table, newest first: a checkbox to pick each run for the overlay,
 * its name (rename in place), date, settings, final metrics, and delete.
 */
export function RunsTable({ runs, labels }: RunsTableProps) {
  const { t } = useTranslation();
  const selected = useRunsView((s) => s.selected);
  const order = runs.map((_, i) => i).reverse();
  return (
    <div className="data-table__scroll runs-table">
      <table className="data-table">
        <caption>{t('ui.runs.caption', { count: runs.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.runs.pick')}</th>
            <th scope="col">{t('ui.runs.run')}</th>
            <th scope="col">{t('ui.runs.date')}</th>
            <th scope="col">{t('ui.runs.settings')}</th>
            <th scope="col">{t('ui.table.loss')}</th>
            <th scope="col">{t('ui.table.testAccuracy')}</th>
            <th scope="col">{t('ui.table.testAccuracyTrainingMode')}</th>
            <th scope="col">{t('ui.runs.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {order.map((i) => (
            <RunRow
              key={runs[i]!.id}
              run={runs[i]!}
              label={labels[i]!}
              pickedAt={selected.indexOf(runs[i]!.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({ run, label, pickedAt }: { run: RunRecord; label: string; pickedAt: number }) {
  const { t, i18n } = useTranslation();
  // A regression run's "accuracy" figures are its mean absolute error: say so in the cell.
  const regression = datasetTask(run.dataset) === 'regression';
  const testMetric = (v: number | null | undefined): string =>
    regression && typeof v === 'number' ? t('ui.runs.maeValue', { value: metricText(v) }) : metricText(v);
  const stores = useStores();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(label);
  const date = new Date(run.startedAt);
  const commit = (): void => {
    setEditing(false);
    if (draft !== label) stores.document.getState().updateRuns((rs) => renameRun(rs, run.id, draft));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') setEditing(false);
  };
  const remove = (): void => {
    stores.runs.getState().toggle(run.id, false);
    stores.document.getState().updateRuns((rs) => deleteRuns(rs, [run.id]));
  };
  return (
    <tr aria-selected={pickedAt >= 0}>
      <td>
        <input
          type="checkbox"
          checked={pickedAt >= 0}
          aria-label={t('ui.runs.pickRun', { label })}
          onChange={(e) => stores.runs.getState().toggle(run.id, e.target.checked)}
        />
        {pickedAt >= 0 && (
          <span
            className="runs-table__swatch"
            style={{ background: runColor(pickedAt) }}
            aria-hidden="true"
          />
        )}
      </td>
      <th scope="row">
        {editing ? (
          <input
            className="runs-table__name"
            autoFocus
            value={draft}
            aria-label={t('ui.runs.nameOf', { label })}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={onKey}
          />
        ) : (
          label
        )}
        {run.reason !== 'completed' && (
          <span className="runs-table__reason"> ({t(`ui.runs.reason.${reasonKey(run.reason)}`)})</span>
        )}
      </th>
      <td>
        {Number.isNaN(date.getTime()) ? run.startedAt : date.toLocaleString(i18n.language)}
        <span className="runs-table__duration">
          {t('ui.runs.duration', { time: formatDuration(run.durationMs / 1000) })}
        </span>
      </td>
      <td>{configSummary(run, t)}</td>
      <td>{metricText(run.final.loss)}</td>
      <td>{testMetric(run.final.testAccuracy)}</td>
      <td>{testMetric(run.final.testAccuracyTrainingMode)}</td>
      <td className="runs-table__actions">
        <button
          type="button"
          className="button button--small"
          aria-label={t('ui.runs.renameRun', { label })}
          onClick={() => {
            setDraft(label);
            setEditing(true);
          }}
        >
          {t('ui.runs.rename')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-label={t('ui.runs.deleteRun', { label })}
          onClick={remove}
        >
          {t('ui.runs.delete')}
        </button>
      </td>
    </tr>
  );
}

/** The catalog key of why a run ended (unknown reasons from other versions read as 'other'). */
const reasonKey = (reason: string): string =>
  ['stopped', 'limit', 'failed'].includes(reason) ? reason : 'other';
