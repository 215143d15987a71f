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

/** Margin and title height of an exported image, in CSS pixels. */
const PAD = 12;
const TITLE = 22;

/**
 * The chart's plot as a PNG: the drawing canvases inside `root` (uPlot's, or a heat map's)
 * stacked under the title on an opaque background. Null when there is nothing drawn.
 */
export async function chartPng(
  root: Element,
  title: string,
  background: string,
  text: string,
): Promise<Blob | null> {
  const canvases = [...root.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0);
  if (canvases.length === 0) return null;
  const ratio =
    canvases[0]!.width / Math.max(1, canvases[0]!.getBoundingClientRect().width || canvases[0]!.width);
  const width = Math.max(...canvases.map((c) => c.width)) + 2 * PAD * ratio;
  const height = canvases.reduce((h, c) => h + c.height, 0) + (2 * PAD + TITLE) * ratio;
  const out = document.createElement('canvas');
  out.width = Math.round(width);
  out.height = Math.round(height);
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = text;
  ctx.font = `600 ${Math.round(13 * ratio)}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, PAD * ratio, PAD * ratio);
  let y = (PAD + TITLE) * ratio;
  for (const c of canvases) {
    ctx.drawImage(c, PAD * ratio, y);
    y += c.height;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}
