import { useId, useState, type RefObject } from 'react';
import uPlot from 'uplot';

/** How serious a marker's event is: its colour on the chart and on its flag. */
export type MarkerSeverity = 'warning' | 'error';

/** An event at one x value (say, a health finding at a step): a tick on the plot and a flag button. */
export interface ChartMarker {
  /** Stable while the marker exists (React key, active marker). */
  id: string;
  x: number;
  severity: MarkerSeverity;
  /** The one-line text: the flag's accessible name and its tooltip. */
  label: string;
}

/** What the marker plugin reads each time the chart draws (refs, so the chart is not rebuilt). */
export interface MarkerSource {
  markers: RefObject<readonly ChartMarker[]>;
  active: RefObject<string | null>;
  /** The flags' container: the draw places each flag over its tick. */
  layer: RefObject<HTMLElement | null>;
}

/** Vertical distance between flags stacked at one step, in CSS pixels. */
const FLAG_STEP = 14;

/** Tick colours from the theme (a canvas cannot resolve CSS variables). */
export function markerColours(el: Element): Record<MarkerSeverity, string> {
  const css = getComputedStyle(el);
  return {
    warning: css.getPropertyValue('--warning').trim() || '#b35c00',
    error: css.getPropertyValue('--error').trim() || '#c92a2a',
  };
}

/** Draws one marker's tick: a vertical line over the plot with a small flag at its top. */
function drawTick(u: uPlot, m: ChartMarker, colour: string, active: boolean): void {
  const ratio = uPlot.pxRatio;
  const { top, height } = u.bbox;
  const x = Math.round(u.valToPos(m.x, 'x', true));
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.globalAlpha = active ? 1 : 0.75;
  ctx.lineWidth = (active ? 3 : 1.5) * ratio;
  ctx.setLineDash(active ? [] : [4 * ratio, 3 * ratio]);
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  const s = (active ? 8 : 6) * ratio;
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x + s, top + s / 2);
  ctx.lineTo(x, top + s);
  ctx.fill();
  ctx.restore();
}

/** True when x lies inside the chart's current x range. */
function inRange(u: uPlot, x: number): boolean {
  const { min, max } = u.scales['x'] ?? {};
  return min != null && max != null && x >= min && x <= max;
}

/**
 * A uPlot plugin that draws the markers' ticks after the series (so an exported PNG has
 * them too) and moves each flag button over its tick, hiding those outside the x range.
 */
export function markerPlugin(src: MarkerSource, colours: Record<MarkerSeverity, string>): uPlot.Plugin {
  // The x range reaches the newest marker: a run that fails at a step reports no loss for it.
  const xRange: uPlot.Range.Function = (_u, min, max) => {
    const last = Math.max(-Infinity, ...(src.markers.current ?? []).map((m) => m.x));
    return [min, max === null ? max : Math.max(max, last)] as uPlot.Range.MinMax;
  };
  return {
    opts: (_u, opts) => {
      opts.scales = { ...opts.scales, x: { ...opts.scales?.['x'], range: xRange } };
    },
    hooks: {
      draw: (u) => {
        const markers = src.markers.current ?? [];
        const active = src.active.current;
        for (const m of markers) if (inRange(u, m.x)) drawTick(u, m, colours[m.severity], m.id === active);
        const layer = src.layer.current;
        if (!layer) return;
        placeFlags(u, layer);
      },
    },
  };
}

/** Moves each flag over its tick; flags at one step stack down the tick. */
function placeFlags(u: uPlot, layer: HTMLElement): void {
  layer.classList.add('chart-markers--placed');
  const left = u.over.offsetLeft;
  const top = u.over.offsetTop;
  const stacked = new Map<number, number>();
  for (const el of layer.querySelectorAll<HTMLElement>('[data-marker-x]')) {
    const x = Number(el.dataset['markerX']);
    const pos = u.valToPos(x, 'x');
    el.hidden = !inRange(u, x);
    const below = el.hidden ? 0 : (stacked.get(Math.round(pos)) ?? 0);
    if (!el.hidden) stacked.set(Math.round(pos), below + 1);
    el.style.left = `${left + pos}px`;
    el.style.top = `${top + below * FLAG_STEP}px`;
    // The tooltip opens away from the nearer edge, so it stays inside the chart.
    el.dataset['align'] = pos > u.over.clientWidth / 2 ? 'end' : 'start';
  }
}

/** Props of a chart's marker flags. */
export interface ChartMarkersProps {
  markers: readonly ChartMarker[];
  /** Names the list (e.g. "Findings on Loss per batch"). */
  label: string;
  layer: RefObject<HTMLUListElement | null>;
  /** Called with the marker under the pointer or keyboard focus (null when none). */
  onActive(id: string | null): void;
  /** Called when a marker is focused or clicked (e.g. to select the finding's layer). */
  onPick?(id: string): void;
}

/**
 * The markers as buttons, laid over the chart at their ticks once it has drawn (a plain
 * list before that). Hover or focus shows the marker's line of text and highlights its
 * tick; focus or a click also picks it.
 */
export function ChartMarkers({ markers, label, layer, onActive, onPick }: ChartMarkersProps) {
  const base = useId();
  const [shown, setShown] = useState<string | null>(null);
  const show = (id: string | null) => {
    setShown(id);
    onActive(id);
  };
  return (
    <ul ref={layer} className="chart-markers" aria-label={label}>
      {markers.map((m, i) => (
        <li key={m.id} className="chart-markers__item" data-marker-x={m.x}>
          <button
            type="button"
            className={`chart-marker chart-marker--${m.severity}`}
            aria-label={m.label}
            onMouseEnter={() => show(m.id)}
            onMouseLeave={() => show(null)}
            onFocus={() => {
              show(m.id);
              onPick?.(m.id);
            }}
            onBlur={() => show(null)}
            onClick={() => onPick?.(m.id)}
          />
          {shown === m.id && (
            <span id={`${base}-${i}`} role="tooltip" className="chart-marker__tip">
              {m.label}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
