import type uPlot from 'uplot';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  stroke: string;
  /** Draw points (for sparse series such as per-epoch test accuracy). */
  points?: boolean;
  /** Line width in CSS pixels (1.5 by default; 0 draws no line, e.g. for band edges). */
  width?: number;
  /** Draw points on the line as well (for short series, such as a few epochs). */
  markers?: boolean;
  /** Dash pattern of the line in CSS pixels (a second measure of the same run, say). */
  dash?: number[];
}

/** How the y axis is scaled: from 0 (losses), fitted to the data, or log10 (norms). */
export type YScale = 'zero' | 'auto' | 'log';

/** What a chart's options are built from (a subset of LineChart's props). */
export interface ChartSpec {
  xLabel: string;
  series: readonly ChartSeries[];
  height: number;
  yRange?: [number, number];
  yScale?: YScale;
  /** Filled areas between two series (1-based series indices, upper first). */
  bands?: uPlot.Band[];
  /** Whether uPlot's legend shows (default true). */
  legend?: boolean;
}

/** Axis colours from the theme's CSS variables (a canvas cannot resolve `var()` itself). */
export function axisStyle(el: Element) {
  const css = getComputedStyle(el);
  const text = css.getPropertyValue('--text-muted').trim() || '#5b6577';
  const line = css.getPropertyValue('--border').trim() || '#e7eaf0';
  return { stroke: text, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } };
}

/** A y range from 0 to a little above the largest value (losses are never negative). */
const fromZero = (_u: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax => [
  0,
  max !== null && max > 0 ? max * 1.05 : 1,
];

function yScale(p: ChartSpec): uPlot.Scale {
  const fixed = p.yRange;
  if (fixed) return { range: () => fixed };
  if (p.yScale === 'log') return { distr: 3, log: 10 };
  if (p.yScale === 'auto') return { auto: true };
  return { range: fromZero };
}

/** Short tick labels for log axes (1e-3 rather than 0.001). */
const logTicks = (_u: uPlot, ticks: (number | null)[]): string[] =>
  ticks.map((v) =>
    v === null ? '' : v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(0),
  );

/** On a log axis, ticks and grid lines at powers of ten only (the 2..9 lines crowd a small chart). */
const decadesOnly = (_u: uPlot, splits: number[]): (number | null)[] =>
  splits.map((v) => (Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9 ? v : null));

/** Linear tick labels; large values in compact form (12K, 3.4M) so they fit beside the plot. */
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });
const linearTicks = (_u: uPlot, ticks: (number | null)[]): string[] =>
  ticks.map((v) => (v === null ? '' : Math.abs(v) >= 10_000 ? compact.format(v) : v.toLocaleString()));

/** Least width of the y axis, in CSS pixels. */
const Y_AXIS_MIN = 48;

/**
 * The y axis's width from its widest tick label (measured in the axis font), so labels
 * such as "0.00012" or "-1.5K" are never clipped at the chart's left edge.
 */
function yAxisSize(u: uPlot, values: string[] | null, axisIdx: number): number {
  const axis = u.axes[axisIdx];
  if (!values || values.length === 0 || !axis) return Y_AXIS_MIN;
  const font = Array.isArray(axis.font) ? axis.font[0] : undefined;
  if (font) u.ctx.font = font;
  let widest = 0;
  for (const v of values) widest = Math.max(widest, u.ctx.measureText(v).width);
  // The canvas is scaled by the device pixel ratio; tick marks and a gap sit beside the labels.
  return Math.max(Y_AXIS_MIN, Math.ceil(widest / (window.devicePixelRatio || 1) + 16));
}

/** Tick steps of the x axis: steps and channels are whole numbers. */
const WHOLE_INCREMENTS = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6].map((p) => m * p))
  .sort((a, b) => a - b);

/** uPlot options of a chart `width` pixels wide. */
export function chartOptions(p: ChartSpec, width: number, axis: ReturnType<typeof axisStyle>): uPlot.Options {
  const log = p.yScale === 'log' && !p.yRange;
  return {
    width,
    height: p.height,
    legend: { show: p.legend ?? true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, y: yScale(p) },
    axes: [
      { ...axis, label: p.xLabel, labelSize: 16, size: 28, incrs: WHOLE_INCREMENTS },
      {
        ...axis,
        size: yAxisSize,
        ...(log ? { values: logTicks, filter: decadesOnly } : { values: linearTicks }),
      },
    ],
    bands: p.bands,
    series: [
      { label: p.xLabel },
      ...p.series.map((s) => ({
        label: s.label,
        stroke: s.stroke,
        width: s.points ? 0 : (s.width ?? 1.5),
        spanGaps: true,
        ...(s.dash && { dash: s.dash }),
        points: { show: s.points ?? s.markers ?? false, size: 7, fill: s.stroke, stroke: s.stroke },
      })),
    ],
  };
}
