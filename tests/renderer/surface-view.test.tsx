import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SurfaceView } from '../../renderer/charts/SurfaceView';
import {
  surfacePixels,
  surfacePoints,
  surfaceSample,
  valueColor,
  valueRange,
} from '../../renderer/charts/surface-draw';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { TOY_REGRESSION_FUNCTIONS } from '../../src/data/toy-regression';
import type { FromTrainer } from '../../src/training/protocol';
import { lenet } from './doc-fixtures';
import { renderInApp } from './render-app';

const saddleDoc = () => ({ ...lenet(), dataset: { kind: 'builtin' as const, id: 'toy-saddle' } });
const extent = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

/** A surface message of resolution 4 whose value at cell (row r, column c) is 10r + c. */
function surface(runId: string, step = 7): FromTrainer {
  const predictions = Float32Array.from({ length: 16 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4));
  return { type: 'surface', runId, step, epoch: 2, resolution: 4, extent, predictions };
}

afterEach(cleanup);

describe('surface-draw helpers', () => {
  it("takes the saddle set's points with their targets", () => {
    const p = surfacePoints(saddleDoc().dataset, undefined)!;
    expect(p.count).toBeGreaterThan(100);
    for (let i = 0; i < p.count; i += 37) {
      const truth = TOY_REGRESSION_FUNCTIONS.saddle([p.features[2 * i]!, p.features[2 * i + 1]!]);
      expect(Math.abs(p.targets[i]! - truth)).toBeLessThan(0.3);
    }
    expect(surfacePoints({ kind: 'builtin', id: 'toy-sine' }, undefined)).toBeNull();
    expect(surfacePoints({ kind: 'builtin', id: 'toy-spiral' }, undefined)).toBeNull();
  });

  it('colours blue to white to red over the range, and paints row 0 at the bottom', () => {
    expect(valueRange(Float32Array.of(2, NaN, -1), Float32Array.of(5))).toEqual([-1, 5]);
    expect(valueColor(0, 0, 1)).toEqual([33, 102, 172]);
    expect(valueColor(0.5, 0, 1)).toEqual([247, 247, 247]);
    expect(valueColor(9, 0, 1)).toEqual([178, 24, 43]);
    const px = surfacePixels(Float32Array.of(0, 0, 1, 1), 2, [0, 1]);
    // Grid row 0 (low values) is the image's bottom row: pixels 2 and 3.
    expect([...px.subarray(0, 3)]).toEqual([178, 24, 43]);
    expect([...px.subarray(8, 11)]).toEqual([33, 102, 172]);
  });

  it('samples the grid at cell centres, top row first', () => {
    const msg = surface('r') as Extract<FromTrainer, { type: 'surface' }>;
    const s = surfaceSample(msg, 2);
    // Columns 1 and 3, rows 3 and 1 of the 4×4 grid: the middle of each half.
    expect(s.x1).toEqual([-0.25, 0.75]);
    expect(s.x2).toEqual([0.75, -0.25]);
    expect(s.values).toEqual([
      [31, 33],
      [11, 13],
    ]);
  });
});

describe('the surface view', () => {
  it('appears in the Training panel for the 2D regression set only', () => {
    renderInApp(<TrainingPanel />, saddleDoc());
    expect(screen.getByRole('region', { name: 'Prediction surface' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Decision boundary' })).toBeNull();
    cleanup();
    renderInApp(<TrainingPanel />, { ...lenet(), dataset: { kind: 'builtin', id: 'toy-sine' } });
    expect(screen.queryByRole('region', { name: 'Prediction surface' })).toBeNull();
  });

  it("draws the current run's surface with an accessible name, a scale, and a data table", async () => {
    const { trainer, stores } = renderInApp(<SurfaceView />, saddleDoc());
    const region = screen.getByRole('region', { name: 'Prediction surface' });
    expect(within(region).getByText(/Train to see the model's prediction/)).toBeTruthy();
    await act(async () => {
      stores.training.getState().begin('run-1', { epochs: 2, batchSize: 16 });
      trainer.emit(surface('old-run'));
    });
    expect(within(region).queryByRole('img')).toBeNull();
    await act(async () => trainer.emit(surface('run-1')));
    const img = within(region).getByRole('img');
    expect(img.getAttribute('aria-label')).toMatch(
      /prediction over the input plane after step 7 .* with \d+ data points coloured by their target/,
    );
    expect(region.textContent).toMatch(/Step 7 · epoch 2/);
    // The scale spans the predictions (0 to 33) and the saddle's targets (about -1 to 1).
    expect(region.textContent).toMatch(/blue -1\.\d{4} · white 1\d\.\d{4} · red 33\.0000/);
    const toggle = within(region).getByRole('button', { name: 'Show data: prediction surface' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    const table = within(region).getByRole('table', {
      name: /Predicted value on a 4×4 sample .* after step 7/,
    });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows[0]).toBe('x2 \\ x1' + '-0.75-0.250.250.75');
    expect(rows[1]).toBe('0.75' + '30.000031.000032.000033.0000');
    expect(rows[4]).toBe('-0.75' + '0.00001.00002.00003.0000');
  });
});
