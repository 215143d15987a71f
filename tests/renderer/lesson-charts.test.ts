import { describe, expect, it } from 'vitest';
import { chartCsv, chartFileName } from '../../renderer/charts/chart-export';
import { heatmapGrid, heatmapRows } from '../../renderer/charts/heatmap-data';
import {
  accuracySeries,
  alignedRows,
  lossSeries,
  lrSeries,
  smoothed,
} from '../../renderer/charts/metric-chart-data';
import { visibleControls } from '../../renderer/lessons/lesson-store';
import type { BatchSeries, EpochRow } from '../../renderer/state/training-reducer';
import { LESSON_CONTROLS, type LessonStep } from '../../src/lessons/schema';
import { createRing, pushRing } from '../../src/training/ring-buffer';

function batches(losses: number[], accs: number[]): BatchSeries {
  const s = {
    step: createRing(100),
    epoch: createRing(100),
    loss: createRing(100),
    accuracy: createRing(100),
  };
  losses.forEach((l, i) => {
    pushRing(s.step, i + 1);
    pushRing(s.epoch, 1);
    pushRing(s.loss, l);
    pushRing(s.accuracy, accs[i]!);
  });
  return s;
}

describe('metric chart data', () => {
  it('smooths with the start-up bias removed and keeps gaps', () => {
    expect([...smoothed([2, 2, 2, 2])]).toEqual([2, 2, 2, 2].map(() => expect.closeTo(2, 12)));
    const s = smoothed([4, 0, NaN, 0], 0.5);
    expect(s[0]).toBeCloseTo(4);
    expect(s[1]).toBeCloseTo(4 / 3); // (0.5*4*0.5 + 0.5*0) / (1 - 0.25)
    expect(s[2]).toBeNaN();
    expect(s[3]).toBeLessThan(s[1]!);
  });

  it('gives the raw and smoothed loss per step', () => {
    const [x, raw, smooth] = lossSeries(batches([3, 1, 2], [0, 0, 0])) as Float64Array[];
    expect([...x!]).toEqual([1, 2, 3]);
    expect([...raw!]).toEqual([3, 1, 2]);
    expect(smooth![0]).toBeCloseTo(3);
    expect(smooth![2]).toBeLessThan(3);
  });

  it('puts both test accuracies at their epoch’s last step', () => {
    const rows: EpochRow[] = [
      {
        epoch: 1,
        step: 2,
        train: { loss: 1, accuracy: 0.5 },
        test: { loss: 1, accuracy: 0.4 },
        testTrainingMode: { loss: 1, accuracy: 0.6 },
      },
    ];
    const data = accuracySeries(batches([1, 1, 1], [0.1, 0.2, 0.3]), rows);
    expect(data[3]).toEqual([null, 0.4, null]);
    expect(data[4]).toEqual([null, 0.6, null]);
    const table = alignedRows(data, 2);
    expect(table.map((r) => r.key)).toEqual([2, 3]);
    expect(table[0]!.values.slice(2)).toEqual([0.4, 0.6]);
    expect(table[1]!.values[2]).toBeNaN();
  });

  it('computes the learning rate of every step under the schedule and mid-run changes', () => {
    const steps = createRing(10);
    for (let i = 1; i <= 6; i++) pushRing(steps, i);
    const [, lr] = lrSeries(steps, {
      baseLr: 1,
      schedule: { kind: 'step', everyEpochs: 1, gamma: 0.5, warmupSteps: 0 },
      totalSteps: 6,
      batchesPerEpoch: 2,
      changes: [{ step: 5, lr: 4 }],
    }) as Float64Array[];
    expect([...lr!]).toEqual([1, 1, 0.5, 0.5, 1, 1]);
  });
});

describe('heat map data', () => {
  it('re-bins each snapshot onto a common value axis, each column summing to 1', () => {
    const cols = [
      { step: 1, min: 0, max: 1, counts: Uint32Array.from([4, 0, 0, 0]) },
      { step: 2, min: 1, max: 2, counts: Uint32Array.from([0, 0, 0, 2]) },
    ];
    const g = heatmapGrid(cols, 4);
    expect([g.min, g.max]).toEqual([0, 2]);
    const col = (c: number) => [...g.cells.subarray(c * 4, c * 4 + 4)];
    expect(col(0).reduce((a, b) => a + b)).toBeCloseTo(1);
    expect(col(0)[0]).toBeCloseTo(1); // all of [0, 0.25] lies in row 0 ([0, 0.5])
    expect(col(1)[3]).toBeCloseTo(1); // all of [1.75, 2] lies in the top row
    expect(heatmapRows(cols, 1)).toEqual([{ key: 2, values: [1, 2, 0, 0, 0, 2] }]);
  });
});

describe('chart export', () => {
  it('writes CSV with a header, quoted fields and gaps as empty fields', () => {
    const csv = chartCsv('Step', ['Loss, raw', 'Acc'], [{ key: 1, values: [0.5, NaN] }]);
    expect(csv).toBe('Step,"Loss, raw",Acc\r\n1,0.5,\r\n');
  });

  it('names files after the chart', () => {
    expect(chartFileName('Weights of conv1 (log scale)', 'png')).toBe('Weights of conv1 (log scale).png');
    expect(chartFileName('a/b: c', 'csv')).toBe('a b c.csv');
  });
});

describe('lesson layout', () => {
  const step: LessonStep = {
    title: 'lesson.a.t',
    text: 'lesson.a.x',
    show: ['inspector'],
    hide: ['palette'],
  };
  it('shows everything but the hidden controls, or in presenter mode only the shown ones', () => {
    expect([...visibleControls(null, true)]).toEqual([...LESSON_CONTROLS]);
    const normal = visibleControls(step, false);
    expect(normal.has('palette')).toBe(false);
    expect(normal.has('training-controls')).toBe(true);
    expect([...visibleControls(step, true)]).toEqual(['inspector']);
  });
});
