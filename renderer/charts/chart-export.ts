import type { DataRow } from './layer-chart-data';

/** A CSV field: quoted when it holds a comma, quote or line break. */
const field = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A number for CSV: full precision; NaN (a gap) as an empty field; ±Infinity spelled out. */
const csvNumber = (v: number): string => (Number.isNaN(v) ? '' : String(v));

/** The CSV text of a chart's data: a header line, then one line per row (CRLF, as RFC 4180 says). */
export function chartCsv(keyHeader: string, columns: readonly string[], rows: readonly DataRow[]): string {
  const lines = [[keyHeader, ...columns].map(field).join(',')];
  for (const r of rows) lines.push([csvNumber(r.key), ...r.values.map(csvNumber)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for a chart's export: its title made safe for file systems. */
export const chartFileName = (title: string, ext: 'png' | 'csv'): string =>
  `${
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'chart'
  }.${ext}`;

/** One entry of an exported chart's legend: a line swatch in the series' colour and its name. */
export interface LegendEntry {
  label: string;
  colour: string;
  /** Drawn dashed (a second measure of the same run, say). */
  dashed?: boolean;
}

/** What an exported image says around the drawing: title, legend and axis labels. */
export interface ExportText {
  title: string;
  legend: readonly LegendEntry[];
  /** Axis labels the drawing itself lacks (a uPlot chart draws its x label; none draws a y label). */
  xLabel?: string;
  yLabel?: string;
}

/** A point in the exported image, in CSS pixels. */
interface At {
  x: number;
  y: number;
}

/** Where each part of an exported image goes, in CSS pixels (scaled by the pixel ratio when drawn). */
export interface ExportLayout {
  width: number;
  height: number;
  title: At;
  legend: (At & { entry: LegendEntry })[];
  plot: At & { width: number; height: number };
  /** Centre of the (rotated) y label, and the top-left of the x label's centre line. */
  yLabel: At | null;
  xLabel: At | null;
}

/** Sizes of an exported image's parts, in CSS pixels. */
const PAD = 12;
const TITLE = 22;
const ROW = 17;
const SWATCH = 16;
const SWATCH_GAP = 5;
const ENTRY_GAP = 14;
const AXIS = 18;
const TITLE_FONT = '600 13px system-ui, sans-serif';
const TEXT_FONT = '11.5px system-ui, sans-serif';

/**
 * Lays out an exported chart: the title on top, the legend below it in rows that wrap at
 * the image width, then the drawing with the y label left of it and the x label under it.
 * `measure` gives a text's width in CSS pixels (the canvas's measureText, or a stand-in).
 */
export function exportLayout(
  text: ExportText,
  plot: { width: number; height: number },
  measure: (s: string) => number,
): ExportLayout {
  const left = PAD + (text.yLabel ? AXIS : 0);
  const width = left + plot.width + PAD;
  const legend: ExportLayout['legend'] = [];
  let x = PAD;
  let y = PAD + TITLE;
  for (const entry of text.legend) {
    const w = SWATCH + SWATCH_GAP + measure(entry.label);
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      y += ROW;
    }
    legend.push({ x, y, entry });
    x += w + ENTRY_GAP;
  }
  const plotY = y + (legend.length > 0 ? ROW + 4 : 0);
  const below = plotY + plot.height;
  return {
    width,
    height: below + (text.xLabel ? AXIS : 0) + PAD,
    title: { x: PAD, y: PAD },
    legend,
    plot: { x: left, y: plotY, ...plot },
    yLabel: text.yLabel ? { x: PAD + AXIS / 2, y: plotY + plot.height / 2 } : null,
    xLabel: text.xLabel ? { x: left + plot.width / 2, y: below + 3 } : null,
  };
}

/** What drawExport needs of a 2D context (a test passes a recorder). */
export type ExportContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textBaseline'
  | 'textAlign'
  | 'fillRect'
  | 'fillText'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'setLineDash'
  | 'save'
  | 'restore'
  | 'translate'
  | 'rotate'
  | 'drawImage'
>;

/** Draws an exported chart on `ctx` (already scaled to CSS pixels) following `layout`. */
export function drawExport(
  ctx: ExportContext,
  text: ExportText,
  layout: ExportLayout,
  drawings: readonly { image: CanvasImageSource; width: number; height: number }[],
  colours: { background: string; text: string },
): void {
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.fillStyle = colours.text;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.font = TITLE_FONT;
  ctx.fillText(text.title, layout.title.x, layout.title.y);
  ctx.font = TEXT_FONT;
  ctx.textBaseline = 'middle';
  for (const { x, y, entry } of layout.legend) {
    ctx.save();
    ctx.strokeStyle = entry.colour;
    ctx.lineWidth = 2.5;
    ctx.setLineDash(entry.dashed ? [4, 3] : []);
    ctx.beginPath();
    ctx.moveTo(x, y + ROW / 2);
    ctx.lineTo(x + SWATCH, y + ROW / 2);
    ctx.stroke();
    ctx.restore();
    ctx.fillText(entry.label, x + SWATCH + SWATCH_GAP, y + ROW / 2);
  }
  let y = layout.plot.y;
  for (const d of drawings) {
    ctx.drawImage(d.image, layout.plot.x, y, d.width, d.height);
    y += d.height;
  }
  ctx.textAlign = 'center';
  if (layout.xLabel && text.xLabel) {
    ctx.textBaseline = 'top';
    ctx.fillText(text.xLabel, layout.xLabel.x, layout.xLabel.y);
  }
  if (layout.yLabel && text.yLabel) {
    ctx.save();
    ctx.translate(layout.yLabel.x, layout.yLabel.y);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(text.yLabel, 0, 0);
    ctx.restore();
  }
}

/**
 * The chart as a PNG: the drawing canvases inside `root` (uPlot's, or a heat map's) stacked
 * under the title and legend, with the axis labels, on an opaque background, at the
 * drawing's pixel ratio. Null when there is nothing drawn.
 */
export async function chartPng(
  root: Element,
  text: ExportText,
  colours: { background: string; text: string },
): Promise<Blob | null> {
  const canvases = [...root.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0);
  if (canvases.length === 0) return null;
  const first = canvases[0]!;
  const ratio = first.width / Math.max(1, first.getBoundingClientRect().width || first.width);
  const drawings = canvases.map((c) => ({ image: c, width: c.width / ratio, height: c.height / ratio }));
  const plot = {
    width: Math.max(...drawings.map((d) => d.width)),
    height: drawings.reduce((h, d) => h + d.height, 0),
  };
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.font = TEXT_FONT;
  const layout = exportLayout(text, plot, (s) => ctx.measureText(s).width);
  out.width = Math.round(layout.width * ratio);
  out.height = Math.round(layout.height * ratio);
  // Resizing reset the context: scale it so the layout's CSS pixels map to the drawing's.
  ctx.scale(ratio, ratio);
  drawExport(ctx, text, layout, drawings, colours);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
