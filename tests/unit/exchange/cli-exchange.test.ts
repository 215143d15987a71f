import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/project/parse';

const bin = new URL('../../../bin/layerloom.mjs', import.meta.url).pathname;
const template = (id: string) => new URL(`../../../assets/templates/${id}.json`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'll-cli-x-'));

describe('layerloom export / import (as subprocesses)', () => {
  it.each([
    ['pytorch', 'model.py', /class LayerloomModel\(nn\.Module\)/],
    ['keras', 'model_keras.py', /keras\.Model\(/],
    ['tfjs-code', 'model.ts', /export function buildModel\(\): tf\.LayersModel/],
  ])('exports lenet-bn as %s', (format, name, pattern) => {
    const out = join(dir, name);
    const r = run('export', template('lenet-bn'), '--format', format, '-o', out);
    expect(r.stderr).toMatch(/wrote/);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(pattern);
  });

  it('exports a tfjs model.json with its weights, summarizes it, and imports it as a project', () => {
    const model = join(dir, 'lenet-bn.json');
    expect(run('export', template('lenet-bn'), '--format', 'tfjs-model', '-o', model).status).toBe(0);
    const json = JSON.parse(readFileSync(model, 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['lenet-bn.weights.bin']);
    expect(existsSync(join(dir, 'lenet-bn.weights.bin'))).toBe(true);

    const s = run('summary', model, '--json');
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({
      totalParams: 45330,
      trainableParams: 44878,
      outputShape: [null, 10],
    });

    const project = join(dir, 'imported.layerloom');
    const i = run('import', model, '-o', project);
    expect(i.status).toBe(0);
    const parsed = parseProject(readFileSync(project, 'utf8'));
    expect(parsed.ok).toBe(true);
    const again = run('summary', project, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ totalParams: 45330, ok: true });
  });

  it.each([
    [
      ['export', 'X', '--format', 'onnx', '-o', 'y'],
      /--format must be one of pytorch, keras, tfjs-code, tfjs-model, got 'onnx'/,
    ],
    [['export', 'X', '--format', 'pytorch'], /export needs -o <path>/],
    [['export', '/nonexistent/p.layerloom', '--format', 'keras', '-o', 'y'], /p\.layerloom: no such file/],
    [['import', '/nonexistent/model.json', '-o', 'y'], /model\.json: no such file/],
    [['import', 'X'], /import needs -o/],
  ])('fails politely for %j', (args, msg) => {
    const r = run(...args.map((a) => (a === 'X' ? template('lenet') : a)));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
  });

  it('names the layer and class an import cannot map, and writes nothing', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        modelTopology: {
          class_name: 'Sequential',
          config: {
            name: 's',
            layers: [
              {
                class_name: 'Dense',
                config: { name: 'd1', units: 4, batch_input_shape: [null, 3], activation: 'linear' },
              },
              { class_name: 'UpSampling2D', config: { name: 'up' } },
            ],
          },
        },
      }),
    );
    const out = join(dir, 'bad.layerloom');
    const r = run('import', bad, '-o', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /layer 'up': class UpSampling2D has no Layerloom equivalent \[import\/unknown-class\]/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
