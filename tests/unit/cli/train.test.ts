import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/graph/document';
import type { ParamValue } from '../../../src/layers/spec';
import { serializeProject } from '../../../src/project/serialize';
import { chain } from '../core/doc-helpers';

const bin = new URL('../../../bin/layerloom.mjs', import.meta.url).pathname;
const template = (id: string) => new URL(`../../../assets/templates/${id}.json`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'll-train-'));

/** Runs `node bin/layerloom.mjs ...args` as a user would; resolves with its exit code and output. */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Writes a file into the temp folder (a Doc as a project file, other values as JSON) and returns its path. */
function project(name: string, content: Doc | object | string): string {
  const file = join(dir, name);
  const isDoc = typeof content === 'object' && 'layers' in content && 'runs' in content;
  const text =
    typeof content === 'string'
      ? content
      : isDoc
        ? serializeProject(content as Doc, '0.1.0')
        : JSON.stringify(content);
  writeFileSync(file, text);
  return file;
}

const mlp = (
  layers: [string, Record<string, ParamValue>?][] = [['dense', { units: 32, activation: 'relu' }]],
) => chain([['input'], ['flatten'], ...layers, ['dense', { units: 10 }], ['output']]);

const KEYS = [
  'epoch',
  'loss',
  'accuracy',
  'testLoss',
  'testAccuracy',
  'testAccuracyTrainingMode',
  'examplesPerSec',
];
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, number | null>);
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |\.ts:\d+:\d+/);

describe('layerloom train (as a subprocess)', () => {
  it('trains LeNet-BN for one epoch of 512 examples on wasm and prints one JSON line', async () => {
    const r = await run(
      'train',
      template('lenet-bn'),
      '--limit',
      '512',
      '--epochs',
      '1',
      '--backend',
      'wasm',
      '--json',
    );
    expect(r.stderr).toMatch(/training on wasm/);
    expect(r.status).toBe(0);
    const [epoch, ...more] = lines(r.stdout);
    expect(more).toEqual([]);
    expect(Object.keys(epoch!)).toEqual(KEYS);
    expect(epoch!.epoch).toBe(1);
    for (const k of KEYS) expect(Number.isFinite(epoch![k]), k).toBe(true);
    expect(epoch!.accuracy).toBeGreaterThanOrEqual(0);
    expect(epoch!.examplesPerSec).toBeGreaterThan(0);
  }, 60_000);

  it('trains the 2D toy template on its generated spiral to high test accuracy', async () => {
    const r = await run('train', template('mlp-toy2d'), '--epochs', '12', '--json');
    expect(r.status).toBe(0);
    const epochs = lines(r.stdout);
    expect(epochs).toHaveLength(12);
    expect(epochs.at(-1)!.testAccuracy).toBeGreaterThan(0.9);
  }, 60_000);

  it('trains a small MLP on the cpu backend, one line per epoch, no batch-norm figure', async () => {
    const file = project('mlp.layerloom', mlp());
    const r = await run(
      'train',
      file,
      '--backend',
      'cpu',
      '--epochs',
      '2',
      '--limit',
      '256',
      '--seed',
      '3',
      '--json',
    );
    expect(r.status).toBe(0);
    const epochs = lines(r.stdout);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (const e of epochs) {
      expect(e.testAccuracyTrainingMode).toBeNull();
      for (const k of KEYS.filter((x) => x !== 'testAccuracyTrainingMode'))
        expect(Number.isFinite(e[k]), k).toBe(true);
    }
    const again = await run(
      'train',
      file,
      '--backend',
      'cpu',
      '--epochs',
      '1',
      '--limit',
      '256',
      '--seed',
      '3',
    );
    expect(again.status).toBe(0);
    // Same seed, same first epoch; without --json a readable line.
    expect(again.stdout).toMatch(
      new RegExp(`^epoch 1/1  loss ${epochs[0]!.loss!.toFixed(4)} .* examples/s\\n$`),
    );
  }, 60_000);
});

describe('layerloom train on a regression model', () => {
  const REG_KEYS = [
    'epoch',
    'loss',
    'mae',
    'testLoss',
    'testMae',
    'testR2',
    'testMaeTrainingMode',
    'examplesPerSec',
  ];

  it('trains the Regression MLP template on the toy sine set: loss and MAE fall, R² rises', async () => {
    const r = await run('train', template('mlp-regression'), '--epochs', '5', '--seed', '2', '--json');
    expect(r.status).toBe(0);
    const epochs = lines(r.stdout);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const e of epochs) {
      expect(Object.keys(e)).toEqual(REG_KEYS);
      expect(e.testMaeTrainingMode).toBeNull();
      for (const k of REG_KEYS.filter((x) => x !== 'testMaeTrainingMode'))
        expect(Number.isFinite(e[k]), k).toBe(true);
    }
    const [first, last] = [epochs[0]!, epochs.at(-1)!];
    expect(last.loss!).toBeLessThan(first.loss!);
    expect(last.testLoss!).toBeLessThan(first.testLoss!);
    expect(last.testMae!).toBeLessThan(first.testMae!);
    expect(last.testR2!).toBeGreaterThan(first.testR2!);
    // MSE loss and MAE are different figures, not one copied into the other.
    expect(last.loss).not.toBe(last.mae);
  }, 60_000);

  it('prints MAE per epoch and the held-out R² at the end in the readable form', async () => {
    const r = await run('train', template('mlp-regression'), '--epochs', '2', '--seed', '2');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(
      /^epoch 1\/2  loss \d+\.\d{4}  MAE \d+\.\d{4}  test loss \S+  test MAE \S+  \d+ examples\/s$/,
    );
    expect(out[2]).toMatch(/^test R² -?\d+\.\d{4} /);
    expect(r.stdout).not.toMatch(/accuracy/);
  }, 60_000);
});

describe.concurrent('layerloom train: bad input fails with one line naming the file and place', () => {
  const lenet = JSON.parse(readFileSync(template('lenet'), 'utf8')) as {
    layers: { id: string; kind: string }[];
  };

  it.each([
    [
      'an unknown layer kind',
      () => {
        const doc = structuredClone(lenet);
        doc.layers[3]!.kind = 'wormhole';
        return [project('unknown.layerloom', doc)];
      },
      1,
      /unknown\.layerloom: \$\.layers\[3\] \(layer 'pool1'\): error: 'pool1' is of unknown kind 'wormhole'\. \[graph\/unknown-kind\]/,
    ],
    [
      'an invalid graph',
      () => [project('invalid.layerloom', chain([['input'], ['dense', { units: 10 }], ['output']]))],
      1,
      /invalid\.layerloom: \$\.layers\[1\] \(layer 'dense1'\): error: Dense 'dense1' needs a rank-2 input, but gets \[\?, 28, 28, 1\]\. \[shape\/rank-mismatch\]/,
    ],
    [
      'a regression head on the image set (one target per row, not ten classes)',
      () => [
        project(
          'reg.layerloom',
          chain([['input'], ['flatten'], ['dense', { units: 1 }], ['regression-output']]),
        ),
      ],
      1,
      /reg\.layerloom: \$\.layers\[3\] \(layer '[^']+'\): error: Regression output '[^']+' predicts numbers, but the dataset 'fashion-mnist' has class labels \(10 classes\).* \[shape\/regression-on-classes\]/,
    ],
    [
      'a bad number',
      () => [template('lenet'), '--epochs', 'zero'],
      2,
      /option --epochs needs a whole number from 1 to 10000, got 'zero'/,
    ],
    [
      'an unknown backend',
      () => [template('lenet'), '--backend', 'gpu'],
      2,
      /option --backend must be wasm, cpu or auto, got 'gpu'/,
    ],
    ['an unknown flag', () => [template('lenet'), '--fast'], 2, /unknown option --fast/],
    [
      'a missing file',
      () => ['/nonexistent/model.layerloom'],
      2,
      /\/nonexistent\/model\.layerloom: no such file/,
    ],
    [
      'malformed JSON',
      () => [project('broken.layerloom', '{\n "format": "layerloom-project",\n ]')],
      2,
      /broken\.layerloom:3:\d+: not valid JSON/,
    ],
  ] as const)('%s', async (_what, args, status, message) => {
    const r = await run('train', ...args());
    expect(r.status).toBe(status);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    noStack(r.stderr);
  });
});
