import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataRow } from './layer-chart-data';
import { LineChart, type LineChartProps } from './LineChart';
import { useThrottled } from './use-throttled';

/** Least time between two updates of an open data table while training. */
const TABLE_INTERVAL_MS = 400;
/** Rows an insight table shows (the newest). */
export const INSIGHT_TABLE_ROWS = 200;

/** Numbers for a table: 4 significant digits, non-finite ones as words, missing ones as a dash. */
export const fmtNumber = (v: number): string =>
  Number.isNaN(v) ? '–' : Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);

/** The table behind a chart: column headings and a row reader. */
export interface InsightTableSpec {
  /** Heading of the first (row header) column, e.g. Step or Channel. */
  keyHeader: string;
  columns: readonly string[];
  /** Reads the rows; called at most every few hundred milliseconds while open. */
  rows(): DataRow[];
  /** The table's caption for `count` rows (it names the chart). */
  caption(count: number): string;
}

/** Props of a chart with its "Show data" toggle. */
export interface InsightChartProps extends Omit<LineChartProps, 'label'> {
  title: string;
  /** A line under the title (e.g. what the bands mean). */
  note?: string;
  table: InsightTableSpec;
}

function InsightTable({ spec, version }: { spec: InsightTableSpec; version: number }) {
  // The rings are read at the throttled version; `version` keys the read on purpose.
  const shown = useThrottled(version, TABLE_INTERVAL_MS);
  const rows = shown >= 0 ? spec.rows() : [];
  return (
    <div className="data-table__scroll insight__table">
      <table className="data-table">
        <caption>{spec.caption(rows.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{spec.keyHeader}</th>
            {spec.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.key}</th>
              {r.values.map((v, j) => (
                <td key={j}>{fmtNumber(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A live chart of per-layer figures with a "Show data" toggle for an accessible table of the same numbers. */
export function InsightChart({ title, note, table, ...chart }: InsightChartProps) {
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  return (
    <section className="insight__chart" aria-label={title}>
      <LineChart label={title} {...chart} />
      {note && <p className="insight__note">{note}</p>}
      <button
        type="button"
        className="button button--toggle insight__toggle"
        aria-pressed={showData}
        aria-label={t('ui.insight.showData', { title })}
        onClick={() => setShowData((v) => !v)}
      >
        {t('ui.chart.showData')}
      </button>
      {showData && <InsightTable spec={table} version={chart.version} />}
    </section>
  );
}
