import type { HistogramColumn } from '../state/layer-stats-reducer';
import type { DataRow } from './layer-chart-data';

/** A histogram heat map on a common value axis: `cells[col * rows + row]` is the share of a column's values in that row. */
export interface HeatmapGrid {
  columns: number;
  rows: number;
  /** The value axis: row 0 is at `min`, the last row ends at `max`. */
  min: number;
  max: number;
  /** Shares in [0, 1] (each column sums to 1 where it has values). */
  cells: Float32Array;
  /** The step of each column. */
  steps: Float64Array;
}

/** The range every column fits in; a single value gets a small range around it. */
function commonRange(cols: readonly HistogramColumn[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cols) {
    if (Number.isFinite(c.min)) lo = Math.min(lo, c.min);
    if (Number.isFinite(c.max)) hi = Math.max(hi, c.max);
  }
  if (!(hi >= lo)) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/**
 * Re-bins each snapshot's histogram (equal bins over its own min..max) onto `rows` rows over
 * the common range, spreading each bin's count over the rows it overlaps in proportion.
 */
export function heatmapGrid(cols: readonly HistogramColumn[], rows: number): HeatmapGrid {
  const [min, max] = commonRange(cols);
  const cells = new Float32Array(cols.length * rows);
  const rowH = (max - min) / rows;
  cols.forEach((c, ci) => {
    const total = c.counts.reduce((a, b) => a + b, 0);
    if (total === 0) return;
    const bins = c.counts.length;
    const binW = (c.max - c.min) / bins;
    for (let b = 0; b < bins; b++) {
      const share = c.counts[b]! / total;
      if (share === 0) continue;
      if (!(binW > 0)) {
        const r = Math.min(rows - 1, Math.max(0, Math.floor((c.min - min) / rowH)));
        cells[ci * rows + r]! += share;
        continue;
      }
      const lo = c.min + b * binW;
      const hi = lo + binW;
      const r0 = Math.max(0, Math.floor((lo - min) / rowH));
      const r1 = Math.min(rows - 1, Math.floor((hi - min) / rowH));
      for (let r = r0; r <= r1; r++) {
        const overlap = Math.min(hi, min + (r + 1) * rowH) - Math.max(lo, min + r * rowH);
        if (overlap > 0) cells[ci * rows + r]! += (share * overlap) / binW;
      }
    }
  });
  return { columns: cols.length, rows, min, max, cells, steps: Float64Array.from(cols, (c) => c.step) };
}

/** Colour of a share: white (none) to dark blue, on a square-root ramp so sparse tails still show. */
export function heatColour(share: number, peak: number): [number, number, number] {
  const t = peak > 0 ? Math.sqrt(Math.min(1, share / peak)) : 0;
  return [
    Math.round(255 - t * (255 - 24)),
    Math.round(255 - t * (255 - 58)),
    Math.round(255 - t * (255 - 140)),
  ];
}

/** Table rows of the heat map: per snapshot its step, range and bin counts (the newest `limit`). */
export function heatmapRows(cols: readonly HistogramColumn[], limit: number): DataRow[] {
  return cols.slice(-limit).map((c) => ({ key: c.step, values: [c.min, c.max, ...c.counts] }));
}
