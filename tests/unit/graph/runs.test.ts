import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../src/graph/document';
import { appendRun, deleteRuns, MAX_RUNS, nextRunSeq, renameRun } from '../../../src/graph/runs';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { downsampleBatches, runRecordOf } from '../../../src/training/run-record';
import { emptyDoc } from '../core/doc-helpers';

const base = emptyDoc();
const epoch = (n: number, acc: number) => ({
  epoch: n,
  train: { loss: 1 / n, accuracy: acc },
  test: { loss: 1.1 / n, accuracy: acc - 0.01 },
  testTrainingMode: n === 2 ? { loss: 2, accuracy: 0.5 } : null,
});
const record = (id: string, seq: number): RunRecord =>
  runRecordOf({
    id,
    startedAt: '2026-11-27T10:00:00.000Z',
    durationMs: 1234.4,
    config: base.training,
    dataset: base.dataset,
    backend: 'wasm',
    reason: 'completed',
    epochs: [epoch(1, 0.7), epoch(2, 0.81234567)],
    batches: { step: [1, 2, 3], loss: [2, 1.5, NaN], accuracy: [0.1, 0.2, 0.3] },
    seq,
  });

describe('run records', () => {
  it('keep the final metrics and the epoch curves, rounded to 5 digits', () => {
    const r = record('a', 1);
    expect(r.final).toEqual({
      loss: 0.5,
      accuracy: 0.81235,
      testAccuracy: 0.80235,
      testAccuracyTrainingMode: 0.5,
    });
    expect(r.curves.epoch).toEqual([1, 2]);
    expect(r.curves.testAccuracyTrainingMode).toEqual([null, 0.5]);
    expect(r.batchCurves).toEqual({ step: [1, 2, 3], loss: [2, 1.5, null], accuracy: [0.1, 0.2, 0.3] });
    expect(r.durationMs).toBe(1234);
  });

  it('downsample per-batch curves to at most 500 bucket means', () => {
    const n = 12_345;
    const step = Array.from({ length: n }, (_, i) => i + 1);
    const d = downsampleBatches({ step, loss: step.map((s) => s), accuracy: step.map(() => 0.5) });
    expect(d.step).toHaveLength(500);
    expect(d.step[499]).toBe(n);
    // Every batch counts once: the mean of the bucket means (weighted by size) is the overall mean.
    const sizes = d.step.map((s, i) => s - (i === 0 ? 0 : d.step[i - 1]!));
    const mean = d.loss.reduce<number>((a, v, i) => a + v! * sizes[i]!, 0) / n;
    expect(mean).toBeCloseTo((n + 1) / 2, 0);
    expect(new Set(d.accuracy)).toEqual(new Set([0.5]));
  });

  it('are saved with the project and read back', () => {
    const doc = { ...base, runs: [record('a', 1), record('b', 2)] };
    const r = parseProject(serializeProject(doc, 'test'));
    expect(r.ok && r.value.doc.runs).toEqual(doc.runs);
  });

  it('older files, whose runs lack the later fields, still load', () => {
    const text = readFileSync(
      new URL('../../fixtures/project-v1/lenet-bn-old-run.layerloom', import.meta.url),
      'utf8',
    );
    const r = parseProject(text);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const [run] = r.value.doc.runs;
    expect(run?.id).toBe('run-2024-a');
    expect(run?.label).toBeUndefined();
    expect(run?.batchCurves).toBeUndefined();
    expect(run?.curves.testAccuracy).toEqual([0.71, 0.8]);
    expect(nextRunSeq(r.value.doc.runs)).toBe(2);
  });

  it('a run with a curve over 1,000 points is refused with its JSON path', () => {
    const run = record('a', 1);
    const long = { ...run, curves: { ...run.curves, epoch: Array.from({ length: 1001 }, (_, i) => i) } };
    const r = parseProject(serializeProject({ ...base, runs: [long] }, 'test'));
    expect(!r.ok && r.error.kind).toBe('invalid');
    expect(!r.ok && JSON.stringify(r.error)).toContain('runs[0].curves.epoch');
  });
});

describe('run history commands', () => {
  it('append, rename (blank restores the default) and delete', () => {
    let runs: readonly RunRecord[] = appendRun([], record('a', 1));
    runs = appendRun(runs, record('b', 2));
    expect(nextRunSeq(runs)).toBe(3);
    runs = renameRun(runs, 'b', '  lr 0.1 ');
    expect(runs[1]!.label).toBe('lr 0.1');
    runs = renameRun(runs, 'b', ' ');
    expect('label' in runs[1]!).toBe(false);
    expect(renameRun(runs, 'zzz', 'x')).toBe(runs);
    expect(deleteRuns(runs, ['a']).map((r) => r.id)).toEqual(['b']);
  });

  it(`keep at most ${MAX_RUNS} runs, dropping the oldest`, () => {
    let runs: RunRecord[] = [];
    for (let i = 1; i <= MAX_RUNS + 2; i++) runs = appendRun(runs, record(`r${i}`, i));
    expect(runs).toHaveLength(MAX_RUNS);
    expect(runs[0]!.id).toBe('r3');
    expect(nextRunSeq(runs)).toBe(MAX_RUNS + 3);
  });
});
