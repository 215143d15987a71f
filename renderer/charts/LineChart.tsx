import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useSession } from '../state/stores';
import { axisStyle, chartOptions, type ChartSpec } from './chart-options';

export type { ChartSeries, YScale } from './chart-options';

/** Props of a live line chart. */
export interface LineChartProps extends ChartSpec {
  /** Accessible name of the chart image; the numbers are in the data table. */
  label: string;
  /** Reads the current data; called at most once per animation frame. */
  getData(): uPlot.AlignedData;
  /** Changes whenever the data grew; each change schedules one redraw. */
  version: number;
}

/**
 * A uPlot line chart that appends data by redrawing at most once per animation frame.
 * It is rebuilt when the theme changes, to pick up the theme's axis colours, and when its
 * y scale changes.
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
    const opts = chartOptions(latest.current, Math.max(200, el.clientWidth), axisStyle(el));
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
    // A new y scale (the log-scale switch) needs new options: rebuild.
  }, [theme, p.yScale]);
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
