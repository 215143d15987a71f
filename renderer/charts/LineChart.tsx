import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useSession } from '../state/stores';
import { axisStyle, chartOptions, type ChartSpec } from './chart-options';
import './chart-markers.css';
import { ChartMarkers, markerColours, markerPlugin, type ChartMarker } from './ChartMarkers';

export type { ChartSeries, YScale } from './chart-options';
export type { ChartMarker } from './ChartMarkers';

/** Props of a live line chart. */
export interface LineChartProps extends ChartSpec {
  /** Accessible name of the chart image; the numbers are in the data table. */
  label: string;
  /** Reads the current data; called at most once per animation frame. */
  getData(): uPlot.AlignedData;
  /** Changes whenever the data grew; each change schedules one redraw. */
  version: number;
  /** Events drawn as ticks on the plot, each with a flag button (say, health findings). */
  markers?: readonly ChartMarker[];
  /** Names the markers' list. */
  markersLabel?: string;
  /** Called when a marker is focused or clicked. */
  onMarkerPick?(id: string): void;
}

const NO_MARKERS: readonly ChartMarker[] = [];

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
  const markers = useRef<readonly ChartMarker[]>(p.markers ?? NO_MARKERS);
  const [active, setActive] = useState<string | null>(null);
  const activeRef = useRef<string | null>(null);
  const layer = useRef<HTMLUListElement | null>(null);
  useEffect(() => {
    latest.current = p;
    markers.current = p.markers ?? NO_MARKERS;
    activeRef.current = active;
  });
  useEffect(() => {
    const el = box.current;
    // Without a 2D canvas (a test DOM) there is nothing to draw; the data table still works.
    if (!el || !document.createElement('canvas').getContext('2d')) return;
    const opts = chartOptions(latest.current, Math.max(200, el.clientWidth), axisStyle(el));
    opts.plugins = [markerPlugin({ markers, active: activeRef, layer }, markerColours(el))];
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
  // New markers or another highlighted one: draw the ticks (and place the flags) again.
  useEffect(() => {
    plot.current?.redraw(false);
  }, [p.markers, active]);
  useEffect(
    () => () => {
      if (pending.current !== null) cancelAnimationFrame(pending.current);
      pending.current = null;
    },
    [],
  );
  const hasMarkers = (p.markers?.length ?? 0) > 0;
  return (
    <figure className="line-chart">
      <figcaption className="line-chart__title">{p.label}</figcaption>
      <div className="line-chart__body">
        <div ref={box} role="img" aria-label={p.label} />
        {hasMarkers && (
          <ChartMarkers
            markers={p.markers!}
            label={p.markersLabel ?? p.label}
            layer={layer}
            onActive={setActive}
            onPick={p.onMarkerPick}
          />
        )}
      </div>
    </figure>
  );
}
