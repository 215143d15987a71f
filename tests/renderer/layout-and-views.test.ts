import { describe, expect, it } from 'vitest';
import { accuracyData, lossData } from '../../renderer/charts/chart-data';
import { viewportCentre } from '../../renderer/canvas/drag-kind';
import { newEdgeId, newLayerId } from '../../renderer/canvas/ids';
import { DEFAULT_SPACING, layoutVertical } from '../../renderer/canvas/layout';
import { formatDuration, progressOf, statusKey, trainBlock } from '../../renderer/panels/training-view';
import { isTextEntry, shortcutOf } from '../../renderer/state/use-shortcuts';
import { beginRun, initialTrainingState, reduceTrainer } from '../../renderer/state/training-reducer';
import { analyze } from '../../src/analysis/analyze';
import { lenet, lenetWithDenseOnImage } from './doc-fixtures';

describe('layout', () => {
  it('puts a chain of layers in one column, one row each', () => {
    const doc = lenet();
    const pos = layoutVertical(doc);
    expect(pos.get('input')).toEqual({ x: 0, y: 0 });
    expect(pos.get('conv1')).toEqual({ x: 0, y: DEFAULT_SPACING.row });
    expect(pos.get('output')).toEqual({ x: 0, y: 17 * DEFAULT_SPACING.row });
  });

  it('places parallel layers side by side', () => {
    const doc = lenet();
    const branched = {
      ...doc,
      layers: [...doc.layers, { ...doc.layers[1]!, id: 'side', name: 'side' }],
      edges: [...doc.edges, { id: 's', source: 'input', target: 'side', targetPort: 0 }],
    };
    const pos = layoutVertical(branched);
    expect(pos.get('side')!.y).toBe(pos.get('conv1')!.y);
    expect(pos.get('side')!.x).not.toBe(pos.get('conv1')!.x);
  });
});

describe('ids and geometry', () => {
  it('finds free ids', () => {
    const doc = lenet();
    expect(newLayerId(doc, 'conv2d')).toBe('conv2d-1');
    expect(
      newEdgeId({ edges: [{ id: 'a->b:0', source: 'a', target: 'b', targetPort: 0 }] }, 'a', 'b', 0),
    ).toBe('a->b:0#2');
  });

  it('computes the viewport centre in flow coordinates', () => {
    expect(viewportCentre(800, 600, [100, 50, 2])).toEqual({ x: 150, y: 125 });
  });
});

describe('training view', () => {
  it('explains why Train is disabled', () => {
    expect(trainBlock(analyze(lenet()).diagnostics)).toBeNull();
    const block = trainBlock(analyze(lenetWithDenseOnImage()).diagnostics);
    expect(block?.count).toBe(1);
    expect(block?.message).toContain('needs a rank-2 input');
  });

  it('derives progress and time left', () => {
    let s = beginRun(initialTrainingState(10), 'r', { epochs: 2, batchSize: 100 });
    expect(statusKey(s)).toBe('ui.training.starting');
    s = reduceTrainer(s, {
      type: 'started',
      runId: 'r',
      backend: 'wasm',
      reason: '',
      batchesPerEpoch: 10,
      epochs: 2,
    });
    s = reduceTrainer(s, {
      type: 'batches',
      runId: 'r',
      epoch: 1,
      steps: Uint32Array.of(1, 2, 3, 4, 5),
      losses: new Float32Array(5).fill(1),
      accuracies: new Float32Array(5).fill(0.5),
      batchInEpoch: 5,
      examplesPerSec: 500,
    });
    expect(progressOf(s)).toMatchObject({
      value: 5,
      max: 20,
      epoch: 1,
      epochs: 2,
      batch: 5,
      batches: 10,
      secondsLeft: 3,
    });
    expect(statusKey(s)).toBeNull();
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('puts test accuracy on the step axis at the end of each epoch', () => {
    let s = beginRun(initialTrainingState(10), 'r', { epochs: 1, batchSize: 1 });
    s = reduceTrainer(s, {
      type: 'batches',
      runId: 'r',
      epoch: 1,
      steps: Uint32Array.of(1, 2, 3),
      losses: Float32Array.of(3, 2, 1),
      accuracies: Float32Array.of(0.1, 0.2, 0.3),
      batchInEpoch: 3,
      examplesPerSec: 1,
    });
    const acc = { loss: 1, accuracy: 0.4 };
    s = reduceTrainer(s, {
      type: 'epoch',
      runId: 'r',
      epoch: 1,
      train: acc,
      test: { predictionMode: acc, trainingMode: null },
    });
    const [x, loss] = lossData(s.batches);
    expect(Array.from(x)).toEqual([1, 2, 3]);
    expect(Array.from(loss!)).toEqual([3, 2, 1]);
    const [, , test] = accuracyData(s.batches, s.epochRows);
    expect(Array.from(test!)).toEqual([null, null, 0.4]);
  });
});

describe('shortcuts', () => {
  const key = (
    k: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });

  it('maps keys to editor commands', () => {
    expect(shortcutOf(key('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(shortcutOf(key('y', { ctrlKey: true }))).toBe('redo');
    expect(shortcutOf(key('Delete'))).toBe('delete');
    expect(shortcutOf(key('Backspace'))).toBe('delete');
    expect(shortcutOf(key('a'))).toBeNull();
  });

  it('leaves keys typed into fields alone', () => {
    expect(isTextEntry(document.createElement('input'))).toBe(true);
    expect(isTextEntry(document.createElement('button'))).toBe(false);
  });
});

describe('freeSpot', () => {
  it('keeps a free spot and moves right past occupied ones', async () => {
    const { freeSpot, NODE_SIZE_GUESS } = await import('../../renderer/canvas/drag-kind');
    expect(freeSpot([], { x: 5, y: 5 })).toEqual({ x: 5, y: 5 });
    const spot = freeSpot([{ position: { x: 0, y: 0 } }], { x: 10, y: 10 });
    expect(spot.y).toBe(10);
    expect(spot.x).toBeGreaterThanOrEqual(NODE_SIZE_GUESS.width);
  });
});
