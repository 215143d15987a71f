import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonChart } from '../../src/lessons/schema';
import { useLesson } from '../lessons/lesson-context';
import { downloadBlob } from '../panels/project-file';
import { chartCsv, chartFileName, type LegendEntry } from './chart-export';
import type { DataRow } from './layer-chart-data';
import { LineChart, type LineChartProps } from './LineChart';
import { legendOf, PngButton } from './PngButton';
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

/** Props of a chart panel: a drawing with its export buttons and "Show data" table. */
export interface ChartPanelProps {
  title: string;
  /** A line under the drawing (e.g. what the bands mean). */
  note?: string;
  table: InsightTableSpec;
  /** Changes whenever the data grew (an open table re-reads then, throttled). */
  version: number;
  /** Extra controls shown with the buttons (e.g. a log-scale switch). */
  controls?: ReactNode;
  /** The drawing (a LineChart or a canvas). */
  children: ReactNode;
  /** Which chart this is, so a lesson step can point at it. */
  chartId?: LessonChart;
  /** The series named in the exported image's legend. */
  legend?: readonly LegendEntry[];
  /** Axis labels the exported image adds (those the drawing does not draw itself). */
  xLabel?: string;
  yLabel?: string;
}

/**
 * A chart with its buttons: PNG of the drawing, CSV of its data (the rows the table shows),
 * and a "Show data" toggle for an accessible table of the same numbers.
 */
export function ChartPanel(p: ChartPanelProps) {
  const { title, note, table, version, controls, children, chartId } = p;
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  const root = useRef<HTMLElement>(null);
  const highlighted = useLesson((s) => chartId !== undefined && s.highlight?.chart === chartId);
  useEffect(() => {
    if (highlighted) root.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [highlighted]);
  const saveCsv = (): void => {
    const csv = chartCsv(table.keyHeader, table.columns, table.rows());
    downloadBlob(chartFileName(title, 'csv'), new Blob([csv], { type: 'text/csv' }));
  };
  return (
    <section
      ref={root}
      className={`insight__chart${highlighted ? ' lesson-highlight' : ''}`}
      aria-label={title}
      data-chart={chartId}
    >
      {children}
      {note && <p className="insight__note">{note}</p>}
      <div className="insight__buttons">
        <button
          type="button"
          className="button button--toggle insight__toggle"
          aria-pressed={showData}
          aria-label={t('ui.insight.showData', { title })}
          onClick={() => setShowData((v) => !v)}
        >
          {t('ui.chart.showData')}
        </button>
        <PngButton root={root} text={{ title, legend: p.legend ?? [], xLabel: p.xLabel, yLabel: p.yLabel }} />
        <button
          type="button"
          className="button button--small"
          aria-label={t('ui.chart.saveCsvLabel', { title })}
          onClick={saveCsv}
        >
          {t('ui.chart.saveCsv')}
        </button>
        {controls}
      </div>
      {showData && <InsightTable spec={table} version={version} />}
    </section>
  );
}

/** Props of a line chart with its buttons and "Show data" table. */
export interface InsightChartProps extends Omit<LineChartProps, 'label'> {
  title: string;
  /** A line under the title (e.g. what the bands mean). */
  note?: string;
  table: InsightTableSpec;
  controls?: ReactNode;
  chartId?: LessonChart;
  /** The y axis's name, written beside the axis in the exported image. */
  yLabel?: string;
}

/** A live line chart with PNG and CSV export and a "Show data" toggle for the same numbers. */
export function InsightChart({ title, note, table, controls, chartId, yLabel, ...chart }: InsightChartProps) {
  return (
    <ChartPanel
      title={title}
      note={note}
      table={table}
      version={chart.version}
      controls={controls}
      chartId={chartId}
      legend={legendOf(chart.series)}
      yLabel={yLabel}
    >
      <LineChart label={title} {...chart} />
    </ChartPanel>
  );
}
