import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportKeras } from '../../../src/compiler/export-keras';
import { exportPyTorch } from '../../../src/compiler/export-pytorch';
import type { Doc, LrSchedule, TrainingConfig } from '../../../src/graph/document';
import { learningRateAt } from '../../../src/training/schedule';
import { planOf, PYTHON, templates } from './exchange-helpers';

const hasPython = spawnSync(PYTHON, ['--version']).status === 0;
const lenetBn = (): Doc => templates().find(([id]) => id === 'lenet-bn')![1];
const withTraining = (doc: Doc, t: Partial<TrainingConfig>): Doc => ({
  ...doc,
  training: { ...doc.training, ...t },
});
const keras = (doc: Doc): string => exportKeras(doc, planOf(doc));

/** The layer lines of build_model, by class. */
const layerLines = (text: string, cls: string): string[] =>
  text.split('\n').filter((l) => l.includes(`= layers.${cls}(`));

/** The `SCHEDULE = ...` line and the lr_factor function of an exported file. */
function scheduleCode(text: string): string {
  const line = text.split('\n').find((l) => l.startsWith('SCHEDULE = '))!;
  const fn = /^def lr_factor\(step, epoch, total_steps\):\n(?: {4}.*\n)+/m.exec(text)![0];
  return `${line}\n${fn}`;
}

describe('Keras export: learning-rate schedule and weight decay', () => {
  it('reproduces SGD weight decay as an L2 penalty of half the decay on every weighted layer', () => {
    const doc = withTraining(lenetBn(), { optimizer: 'sgd', weightDecay: 0.0005 });
    const text = keras(doc);
    expect(text).toContain('WEIGHT_DECAY = 0.0005');
    expect(text).toContain('    l2 = keras.regularizers.L2(WEIGHT_DECAY / 2)');
    const weighted = [...layerLines(text, 'Conv2D'), ...layerLines(text, 'Dense')];
    expect(weighted.length).toBe(5);
    for (const l of weighted) expect(l).toMatch(/kernel_regularizer=l2, bias_regularizer=l2, name=/);
    const bn = layerLines(text, 'BatchNormalization');
    expect(bn.length).toBe(4);
    for (const l of bn) expect(l).toMatch(/gamma_regularizer=l2, beta_regularizer=l2, name=/);
    for (const l of [...layerLines(text, 'Activation'), ...layerLines(text, 'AveragePooling2D')])
      expect(l).not.toContain('regularizer');
    expect(text).toContain('keras.optimizers.SGD(learning_rate=1,');
  });

  it('uses AdamW’s own decoupled decay and no penalty; no decay means no regularizers', () => {
    const adamw = keras(
      withTraining(lenetBn(), { optimizer: 'adamw', weightDecay: 0.01, learningRate: 0.002 }),
    );
    expect(adamw).toMatch(/keras\.optimizers\.AdamW\(learning_rate=0\.002, weight_decay=0\.01,/);
    expect(adamw).not.toContain('regularizer');
    expect(adamw).toContain('AdamW decays the weights by 0.01');
    const none = keras(withTraining(lenetBn(), { optimizer: 'adam', weightDecay: 0 }));
    expect(none).not.toContain('regularizer');
    expect(none).toContain('there is no weight decay');
  });

  it('sets the scheduled rate before every step through a callback given the run’s total steps', () => {
    const text = keras(
      withTraining(lenetBn(), { schedule: { kind: 'cosine', warmupSteps: 100 }, learningRate: 0.5 }),
    );
    expect(text).toContain('LEARNING_RATE = 0.5');
    expect(text).toContain(
      'SCHEDULE = {"kind": "cosine", "warmup_steps": 100, "every_epochs": None, "gamma": None}',
    );
    expect(text).toMatch(/class AppSchedule\(keras\.callbacks\.Callback\):/);
    expect(text).toMatch(
      /def on_train_batch_begin\(self, batch, logs=None\):\n\s+self\.step \+= 1\n\s+self\.model\.optimizer\.learning_rate\.assign\(LEARNING_RATE \* lr_factor\(self\.step, self\.epoch, self\.total_steps\)\)/,
    );
    expect(text).toMatch(/def on_epoch_begin\(self, epoch, logs=None\):\n\s+self\.epoch = epoch \+ 1/);
    expect(text).toContain('total_steps = 10 * math.ceil(len(x) / 256)');
    expect(text).toContain('callbacks=[AppSchedule(total_steps)]');
  });

  it('uses the same schedule code as the PyTorch export', () => {
    const doc = withTraining(lenetBn(), {
      schedule: { kind: 'step', warmupSteps: 3, everyEpochs: 2, gamma: 0.5 },
    });
    expect(scheduleCode(keras(doc))).toBe(scheduleCode(exportPyTorch(doc, planOf(doc))));
  });

  const schedules: LrSchedule[] = [
    { kind: 'constant', warmupSteps: 0 },
    { kind: 'constant', warmupSteps: 7 },
    { kind: 'step', warmupSteps: 4, everyEpochs: 2, gamma: 0.3 },
    { kind: 'cosine', warmupSteps: 10 },
  ];
  it.skipIf(!hasPython).each(schedules)('the exported rates equal the app’s for %j', (schedule) => {
    const text = keras(withTraining(lenetBn(), { schedule, learningRate: 0.1 }));
    const points = [1, 2, 5, 9, 10, 11, 25, 40, 59, 60].map((step) => ({
      step,
      epoch: Math.ceil(step / 10),
      totalSteps: 60,
    }));
    const script = `import math, json\n${scheduleCode(text)}\nprint(json.dumps([0.1 * lr_factor(s, e, t) for s, e, t in ${JSON.stringify(points.map((p) => [p.step, p.epoch, p.totalSteps]))}]))`;
    const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as number[];
    const want = points.map((p) => learningRateAt(0.1, schedule, p));
    got.forEach((v, i) => expect(v, `step ${points[i]!.step}`).toBeCloseTo(want[i]!, 12));
  });

  it.skipIf(!hasPython)('the file with decay and a schedule is valid Python', () => {
    const text = keras(
      withTraining(lenetBn(), { weightDecay: 0.001, schedule: { kind: 'cosine', warmupSteps: 5 } }),
    );
    const r = spawnSync(PYTHON, ['-c', 'import ast,sys;ast.parse(sys.stdin.read())'], {
      input: text,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
