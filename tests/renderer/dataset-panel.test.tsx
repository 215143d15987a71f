import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingPanel } from '../../renderer/panels/TrainingPanel';
import { importedPoints } from '../../renderer/charts/imported-points';
import { boundaryPixels, CLASS_COLORS } from '../../renderer/charts/plane-draw';
import { divideImport } from '../../src/data/imported';
import type { ClassificationVectors } from '../../src/data/vectors';
import { setDataset } from '../../src/graph/commands';
import type { Doc } from '../../src/graph/document';
import { chain } from '../unit/core/doc-helpers';
import { lenet } from './doc-fixtures';
import { renderInApp } from './render-app';

afterEach(cleanup);

/** LeNet rebound to a dataset (the panel does not care that the model no longer fits). */
const withDataset = (dataset: Doc['dataset']): Doc => ({ ...lenet(), dataset });

describe('DatasetPanel', () => {
  it('picks a toy set, tunes it, and keeps the options in the document', () => {
    const { stores } = renderInApp(<TrainingPanel />);
    const region = screen.getByRole('region', { name: 'Training' });
    fireEvent.change(within(region).getByRole('combobox', { name: 'Dataset' }), {
      target: { value: 'toy-circles' },
    });
    expect(stores.document.getState().doc.dataset).toEqual({ kind: 'builtin', id: 'toy-circles' });
    const classes = within(region).getByLabelText('Classes');
    fireEvent.change(classes, { target: { value: '4' } });
    fireEvent.blur(classes);
    expect(stores.document.getState().doc.dataset).toEqual({
      kind: 'builtin',
      id: 'toy-circles',
      options: { size: 500, noise: 0.05, classes: 4, seed: 1 },
    });
    expect(within(region).getByText(/\[2\] · 4 classes · 400 for training, 100 for testing/)).toBeTruthy();
    const noise = within(region).getByLabelText('Noise');
    fireEvent.change(noise, { target: { value: '-1' } });
    fireEvent.blur(noise);
    expect(stores.document.getState().doc.dataset).toMatchObject({ options: { noise: 0.05 } });
  });

  it('shows the decision-boundary view for 2D sets only, and hides grids of other runs', () => {
    const { stores, trainer } = renderInApp(
      <TrainingPanel />,
      withDataset({ kind: 'builtin', id: 'toy-xor' }),
    );
    const region = screen.getByRole('region', { name: 'Training' });
    expect(within(region).getByText("Train to see the model's decision boundary here.")).toBeTruthy();
    act(() => stores.training.getState().begin('run-1', { epochs: 1, batchSize: 8 }));
    const grid = {
      type: 'boundary' as const,
      step: 7,
      epoch: 1,
      resolution: 2,
      classes: 2,
      extent: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
      probabilities: new Float32Array(8).fill(0.5),
    };
    act(() => trainer.emit({ ...grid, runId: 'other-run' }));
    expect(within(region).queryByRole('img', { name: /Decision boundary/ })).toBeNull();
    act(() => trainer.emit({ ...grid, runId: 'run-1' }));
    expect(within(region).getByRole('img', { name: /after step 7/ })).toBeTruthy();
    act(() =>
      stores.document.getState().apply((d) => setDataset(d, { kind: 'builtin', id: 'fashion-mnist' })),
    );
    expect(within(region).queryByText(/decision boundary/i)).toBeNull();
  });

  it('refuses to train an imported set whose data it lacks, and sends the data it has with the run', () => {
    const ref = { kind: 'imported' as const, id: 'abc', name: 'points.csv', inputShape: [2], classes: 2 };
    const doc = {
      ...chain([['input', { layout: 'vector', size: 2 }], ['dense', { units: 2 }], ['output']]),
      dataset: ref,
    };
    const { stores, trainer } = renderInApp(<TrainingPanel />, doc);
    const region = screen.getByRole('region', { name: 'Training' });
    expect((within(region).getByRole('combobox', { name: 'Dataset' }) as HTMLSelectElement).value).toBe(
      'imported:abc',
    );
    const train = within(region).getByRole('button', { name: 'Train' });
    fireEvent.click(train);
    expect(trainer.starts).toHaveLength(0);
    expect(JSON.stringify(stores.session.getState())).toContain('ui.datasetPanel.missingData');
    const ds: ClassificationVectors = {
      task: 'classification',
      count: 20,
      inputShape: [2],
      classes: 2,
      classNames: ['a', 'b'],
      features: Float32Array.from({ length: 40 }, (_, i) => i),
      labels: Uint8Array.from({ length: 20 }, (_, i) => i % 2),
    };
    const parts = divideImport(ds, { validation: 0, test: 0.25, seed: 1, stratified: true });
    if (!parts.ok) throw new Error(parts.error);
    act(() =>
      stores.datasets
        .getState()
        .put({ hash: 'abc', name: 'points.csv', classNames: ['a', 'b'], parts: parts.value }),
    );
    fireEvent.click(train);
    expect(trainer.starts).toHaveLength(1);
    const data = trainer.starts[0]!.data!;
    expect([data.train.count, data.test.count]).toEqual([parts.value.train.count, parts.value.test.count]);
    expect(data.train.count + data.test.count).toBe(20);
    expect(data.validation).toBeUndefined();
    expect(data.train.features).toBeInstanceOf(Float32Array);
  });
});

describe('imported 2D sets over the decision boundary', () => {
  const ds: ClassificationVectors = {
    task: 'classification',
    count: 40,
    inputShape: [2],
    classes: 2,
    classNames: ['a', 'b'],
    features: Float32Array.from({ length: 80 }, (_, i) => (i % 2 ? 100 + i : i)),
    labels: Uint8Array.from({ length: 40 }, (_, i) => i % 2),
  };
  const split = { validation: 0.25, test: 0.25, seed: 1, stratified: true };

  it("draws every part's points, standardized as the trainer sees them, thinned past the cap", () => {
    const parts = divideImport(ds, split, [0, 1]);
    if (!parts.ok) throw new Error(parts.error);
    const data = { hash: 'h', name: 'p.csv', classNames: ['a', 'b'], parts: parts.value };
    const all = importedPoints(data)!;
    expect(all.count).toBe(40);
    const { train, validation, test } = parts.value as unknown as Record<string, ClassificationVectors>;
    // Standardized with the training part's statistics: nothing is near the raw values (up to 179).
    expect(Math.max(...all.features)).toBeLessThan(5);
    expect(all.features.subarray(0, 2)).toEqual(train!.features.subarray(0, 2));
    const labels = [...train!.labels, ...validation!.labels, ...test!.labels];
    expect([...all.labels!]).toEqual(labels);
    const few = importedPoints(data, 10)!;
    expect(few.count).toBe(10);
    expect([...few.labels!]).toEqual(labels.filter((_, i) => i % 4 === 0));
    const wide = { ...ds, inputShape: [4], count: 20, labels: ds.labels.subarray(0, 20) };
    const wideParts = divideImport(wide, split);
    if (!wideParts.ok) throw new Error(wideParts.error);
    expect(importedPoints({ ...data, parts: wideParts.value })).toBeNull();
  });

  it("names the points it draws once the import's data is at hand", () => {
    const ref = { kind: 'imported' as const, id: 'h2d', name: 'p.csv', inputShape: [2], classes: 2 };
    const { stores, trainer } = renderInApp(<TrainingPanel />, withDataset(ref));
    const region = screen.getByRole('region', { name: 'Training' });
    act(() => stores.training.getState().begin('run-1', { epochs: 1, batchSize: 8 }));
    act(() =>
      trainer.emit({
        type: 'boundary' as const,
        runId: 'run-1',
        step: 3,
        epoch: 1,
        resolution: 2,
        classes: 2,
        extent: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
        probabilities: new Float32Array(8).fill(0.5),
      }),
    );
    expect(within(region).getByRole('img', { name: /after step 3, with 0 data points/ })).toBeTruthy();
    const parts = divideImport(ds, split, [0, 1]);
    if (!parts.ok) throw new Error(parts.error);
    act(() =>
      stores.datasets
        .getState()
        .put({ hash: 'h2d', name: 'p.csv', classNames: ['a', 'b'], parts: parts.value }),
    );
    expect(
      within(region).getByRole('img', { name: /after step 3, with 40 data points on top/ }),
    ).toBeTruthy();
  });
});

describe('boundary colours', () => {
  it('colours a cell by its most likely class, paler near chance, with the grid row 0 at the bottom', () => {
    // 1x2 grid is not square; use 2x2: cell 0 (bottom-left) sure of class 1, the rest at chance for class 0.
    const probs = Float32Array.from([0, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const px = boundaryPixels(probs, 2, 2);
    const bottomLeft = Array.from(px.subarray(8, 11));
    const [r, g, b] = CLASS_COLORS[1]!;
    const sure = 0.6;
    expect(bottomLeft).toEqual([r, g, b].map((c) => Math.round(255 * (1 - sure) + c * sure)));
    const topLeft = Array.from(px.subarray(0, 3));
    const [r0] = CLASS_COLORS[0]!;
    expect(topLeft[0]).toBe(Math.round(255 * 0.85 + r0 * 0.15));
  });
});
