import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTOGRAM_BINS } from '../../src/training/stats';
import type { HistogramColumn } from '../state/layer-stats-reducer';
import { ChartPanel, fmtNumber, INSIGHT_TABLE_ROWS } from './InsightChart';
import { heatColour, heatmapGrid, heatmapRows } from './heatmap-data';

/** Rows of the drawn heat map (the value axis), and its height in CSS pixels. */
const ROWS = 48;
const HEIGHT = 130;

/** Paints the grid: one column per snapshot, value upwards, darker = more values there. */
function paint(canvas: HTMLCanvasElement, cols: readonly HistogramColumn[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx || cols.length === 0) return;
  const grid = heatmapGrid(cols, ROWS);
  const img = ctx.createImageData(grid.columns, grid.rows);
  const peak = grid.cells.reduce((a, b) => Math.max(a, b), 0);
  for (let c = 0; c < grid.columns; c++) {
    for (let r = 0; r < grid.rows; r++) {
      const [red, green, blue] = heatColour(grid.cells[c * grid.rows + r]!, peak);
      const at = ((grid.rows - 1 - r) * grid.columns + c) * 4;
      img.data[at] = red;
      img.data[at + 1] = green;
      img.data[at + 2] = blue;
      img.data[at + 3] = 255;
    }
  }
  const tile = document.createElement('canvas');
  tile.width = grid.columns;
  tile.height = grid.rows;
  tile.getContext('2d')?.putImageData(img, 0, 0);
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  canvas.height = Math.round(HEIGHT * ratio);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, 0, 0, canvas.width, canvas.height);
}

/** Props of the heat map of one layer's activation histograms. */
export interface HeatmapChartProps {
  name: string;
  version: number;
  /** Reads the layer's histogram columns (they grow in place). */
  columns(): readonly HistogramColumn[];
}

/** The activation histogram of a layer over time as a heat map (canvas), with export and a data table. */
export function HeatmapChart({ name, version, columns }: HeatmapChartProps) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const read = useRef(columns);
  useEffect(() => {
    read.current = columns;
  });
  useEffect(() => {
    const id = requestAnimationFrame(() => canvas.current && paint(canvas.current, read.current()));
    return () => cancelAnimationFrame(id);
  }, [version]);
  const title = t('ui.insight.heatTitle', { name });
  const cols = columns();
  const first = cols[0];
  const range = cols.length > 0 ? heatmapGrid(cols, 1) : null;
  return (
    <ChartPanel
      title={title}
      chartId="activation-histogram"
      xLabel={t('ui.insight.step')}
      note={
        range && first
          ? t('ui.insight.heatNote', {
              min: fmtNumber(range.min),
              max: fmtNumber(range.max),
              from: first.step,
              to: cols.at(-1)!.step,
            })
          : undefined
      }
      version={version}
      table={{
        keyHeader: t('ui.insight.step'),
        columns: [
          t('ui.insight.min'),
          t('ui.insight.max'),
          ...Array.from({ length: HISTOGRAM_BINS }, (_, i) => t('ui.insight.bin', { index: i + 1 })),
        ],
        rows: () => heatmapRows(read.current(), INSIGHT_TABLE_ROWS),
        caption: (count) => t('ui.insight.caption', { title, count }),
      }}
    >
      <figure className="heatmap">
        <figcaption className="line-chart__title">{title}</figcaption>
        <canvas
          ref={canvas}
          className="heatmap__canvas"
          role="img"
          aria-label={title}
          style={{ height: HEIGHT }}
        />
      </figure>
    </ChartPanel>
  );
}
