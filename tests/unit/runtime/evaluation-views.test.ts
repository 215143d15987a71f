import { describe, expect, it } from 'vitest';
import {
  parseToTrainer,
  transferablesOf,
  type FromTrainer,
  type ViewAnswer,
} from '../../../src/training/protocol';
import { toyDataset, harness, ofType, startMsg, toyConvPlan, toySource } from '../../helpers/trainer-harness';

type Answer<T extends ViewAnswer['type']> = Extract<ViewAnswer, { type: T }>;

/** Sends a view request and returns its answer. */
async function ask(
  h: ReturnType<typeof harness>,
  req: Record<string, unknown> & { type: string },
  id: string,
): Promise<ViewAnswer> {
  await h.trainer.handle({ ...req, requestId: id });
  const a = h.messages.find((m): m is FromTrainer & ViewAnswer => 'requestId' in m && m.requestId === id);
  if (!a) throw new Error(`no answer to ${id}`);
  return a;
}

function expectType<T extends ViewAnswer['type']>(a: ViewAnswer, type: T): Answer<T> {
  if (a.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(a)}`);
  return a as Answer<T>;
}

describe('Trainer: evaluation views of an ended run', () => {
  it('validates the requests: pixels must be a Float32Array, counts within bounds', () => {
    const base = { requestId: 'q', runId: 'r' };
    expect(parseToTrainer({ ...base, type: 'evaluate', mode: 'predict', maxExamples: 10 }).ok).toBe(true);
    expect(parseToTrainer({ ...base, type: 'evaluate', mode: 'train', maxExamples: 10 }).ok).toBe(false);
    expect(parseToTrainer({ ...base, type: 'evaluate', mode: 'predict', maxExamples: 0 }).ok).toBe(false);
    expect(parseToTrainer({ ...base, type: 'predict-image', pixels: [0, 1] }).ok).toBe(false);
    expect(parseToTrainer({ ...base, type: 'predict-image', pixels: new Float32Array(2) }).ok).toBe(true);
    const probabilities = new Float32Array(3);
    expect(transferablesOf({ type: 'image-prediction', requestId: 'q', runId: 'r', probabilities })).toEqual([
      probabilities.buffer,
    ]);
  });

  it('answers no-run before any run and for another run id', async () => {
    const h = harness(toySource(64, 16));
    const a = await ask(h, { type: 'evaluate', runId: 'run-1', mode: 'predict', maxExamples: 8 }, 'q0');
    expect(a).toMatchObject({ type: 'view-failed', code: 'view/no-run', runId: 'run-1' });
  });

  it('evaluates like the epoch evaluation, in both modes; feature maps; an image of its own', async () => {
    const h = harness(toySource(256, 96));
    const plan = toyConvPlan();
    await h.trainer.handle(startMsg(plan, { stats: { enabled: false }, config: { epochs: 1 } }));
    const epoch = ofType(h.messages, 'epoch').at(-1)!;

    // The whole test set (96) at the run's batch size gives the epoch's own figures.
    const p = expectType(
      await ask(h, { type: 'evaluate', runId: 'run-1', mode: 'predict', maxExamples: 96 }, 'q1'),
      'evaluation',
    );
    const b = expectType(
      await ask(h, { type: 'evaluate', runId: 'run-1', mode: 'batch-stats', maxExamples: 96 }, 'q2'),
      'evaluation',
    );
    const accuracy = (e: Answer<'evaluation'>) =>
      (e.confusion[0]! + e.confusion[4]! + e.confusion[8]!) / e.count;
    expect(accuracy(p)).toBeCloseTo(epoch.test.predictionMode.accuracy, 6);
    expect(accuracy(b)).toBeCloseTo(epoch.test.trainingMode!.accuracy, 6);
    expect(Array.from(p.labels)).toEqual(Array.from(toyDataset(96, 2).labels));
    expect(p.confusion.reduce((a, v) => a + v, 0)).toBe(96);
    for (let i = 0; i < p.count; i++) {
      const row = p.probabilities.subarray(i * 3, i * 3 + 3);
      expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
      expect(p.predictions[i]).toBe(row.indexOf(Math.max(...row)));
    }
    expect(p.images?.shape).toEqual([8, 8, 1]);
    expect(p.images?.pixels).toEqual(toyDataset(96, 2).pixels);

    // A limit takes the first examples.
    const few = expectType(
      await ask(h, { type: 'evaluate', runId: 'run-1', mode: 'predict', maxExamples: 10 }, 'q3'),
      'evaluation',
    );
    expect(few.count).toBe(10);
    expect(Array.from(few.predictions)).toEqual(Array.from(p.predictions.subarray(0, 10)));

    const maps = expectType(
      await ask(h, { type: 'feature-maps', runId: 'run-1', nodeId: 'l1', example: 3 }, 'q4'),
      'feature-maps',
    );
    expect([maps.height, maps.width, maps.channels]).toEqual([8, 8, 4]);
    expect(maps.values).toHaveLength(256);
    expect(maps.values.some((v) => v !== 0)).toBe(true);
    const dense = await ask(h, { type: 'feature-maps', runId: 'run-1', nodeId: 'l6', example: 0 }, 'q5');
    expect(dense).toMatchObject({ type: 'view-failed', code: 'view/bad-request' });
    expect(dense.type === 'view-failed' && dense.message).toContain('no feature maps');

    // The first test image, scaled like the dataset, is predicted as in the evaluation.
    const first = Float32Array.from(toyDataset(96, 2).pixels.subarray(0, 64), (v) => v / 255);
    const img = expectType(
      await ask(h, { type: 'predict-image', runId: 'run-1', pixels: first }, 'q6'),
      'image-prediction',
    );
    for (let c = 0; c < 3; c++) expect(img.probabilities[c]).toBeCloseTo(p.probabilities[c]!, 4);
    const wrong = await ask(h, { type: 'predict-image', runId: 'run-1', pixels: new Float32Array(5) }, 'q7');
    expect(wrong).toMatchObject({ type: 'view-failed', code: 'view/bad-request' });
  });
});
