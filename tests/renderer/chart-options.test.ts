import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { chartOptions } from '../../renderer/charts/chart-options';

const spec = { height: 160, xLabel: 'Step', series: [{ label: 'Loss', stroke: '#c00' }] };
const axisStyle = { stroke: '#333', grid: { stroke: '#eee' }, ticks: { stroke: '#eee' } };

/** A stand-in for the chart: measures text at 7 px per character. */
const fakeChart = (): uPlot =>
  ({
    axes: [{}, { font: ['12px sans-serif', 12] }],
    ctx: { font: '', measureText: (s: string) => ({ width: s.length * 7 }) },
  }) as unknown as uPlot;

describe('chart y axis', () => {
  const y = chartOptions(spec as never, 300, axisStyle as never).axes![1]!;
  const values = y.values as (u: uPlot, t: (number | null)[], i: number, s: number, f: number) => string[];
  const size = y.size as (u: uPlot, v: string[] | null, i: number, c: number) => number;

  it('writes large ticks compactly and small ones in full', () => {
    const labels = values(fakeChart(), [0, 0.25, 5000, 20_000, 1_500_000, null], 1, 0, 0);
    expect(labels[0]).toBe('0');
    expect(labels[1]).toBe((0.25).toLocaleString());
    expect(labels[2]).toBe((5000).toLocaleString());
    expect(labels[3]!.length).toBeLessThan(5); // e.g. "20K"
    expect(labels[4]!.length).toBeLessThan(6); // e.g. "1.5M"
    expect(labels[5]).toBe('');
  });
  it('widens to fit its widest label, never narrower than the default', () => {
    expect(size(fakeChart(), ['0', '1'], 1, 0)).toBe(48);
    const wide = size(fakeChart(), ['0', '0.000125', '-12,345.5'], 1, 0);
    expect(wide).toBeGreaterThanOrEqual('-12,345.5'.length * 7 + 16);
    expect(size(fakeChart(), null, 1, 0)).toBe(48);
  });
});
