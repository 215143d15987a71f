import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useSession } from '../state/stores';

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  stroke: string;
  /** Draw points (for sparse series such as per-epoch test accuracy). */
  points?: boolean;
}

/** Props of a live line chart. */
export interface LineChartProps {
  /** Accessible name of the chart image; the numbers are in the data table. */
  label: string;
  xLabel: string;
  series: readonly ChartSeries[];
  /** Reads the current data; called at most once per animation frame. */
  getData(): uPlot.AlignedData;
  /** Changes whenever the data grew; each change schedules one redraw. */
  version: number;
  height: number;
  yRange?: [number, number];
}

/** Axis colours from the theme's CSS variables (a canvas cannot resolve `var()` itself). */
function axisStyle(el: Element) {
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

function options(p: LineChartProps, width: number, AXIS: ReturnType<typeof axisStyle>): uPlot.Options {
  const fixed = p.yRange;
  return {
    width,
    height: p.height,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, y: { range: fixed ? () => fixed : fromZero } },
    axes: [
      { ...AXIS, label: p.xLabel, labelSize: 16, size: 28 },
      { ...AXIS, size: 44 },
    ],
    series: [
      { label: p.xLabel },
      ...p.series.map((s) => ({
        label: s.label,
        stroke: s.stroke,
        width: s.points ? 0 : 1.5,
        spanGaps: true,
        points: { show: s.points ?? false, size: 7, fill: s.stroke, stroke: s.stroke },
      })),
    ],
  };
}

/**
 * A uPlot line chart that appends data by redrawing at most once per animation frame.
 * It is rebuilt when the theme changes, to pick up the theme's axis colours.
 */
export function LineChart(p: LineChartProps) {
  const theme = useSession((s) => s.theme);
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(p);
  useEffect(() => {
    latest.current = p;
  });
  useEffect(() => {
    const el = box.current;
    // Without a 2D canvas (a test DOM) there is nothing to draw; the data table still works.
    if (!el || !document.createElement('canvas').getContext('2d')) return;
    const opts = options(latest.current, Math.max(200, el.clientWidth), axisStyle(el));
    const u = new uPlot(opts, latest.current.getData(), el);
    plot.current = u;
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(200, el.clientWidth), height: latest.current.height }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [theme]);
  const pending = useRef<number | null>(null);
  useEffect(() => {
    if (pending.current !== null) return;
    pending.current = requestAnimationFrame(() => {
      pending.current = null;
      plot.current?.setData(latest.current.getData());
    });
  }, [p.version]);
  useEffect(
    () => () => {
      if (pending.current !== null) cancelAnimationFrame(pending.current);
      pending.current = null;
    },
    [],
  );
  return (
    <figure className="line-chart">
      <figcaption className="line-chart__title">{p.label}</figcaption>
      <div ref={box} role="img" aria-label={p.label} />
    </figure>
  );
}
