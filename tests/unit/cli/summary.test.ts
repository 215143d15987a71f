import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../../bin/layerloom.mjs', import.meta.url).pathname;
const template = (id: string) => new URL(`../../../assets/templates/${id}.json`, import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('layerloom summary (as a subprocess)', () => {
  it('prints the JSON summary of LeNet-BN on stdout only', () => {
    const out = execFileSync(process.execPath, [bin, 'summary', template('lenet-bn'), '--json'], { encoding: 'utf8' });
    const s = JSON.parse(out);
    expect(s).toMatchObject({ totalParams: 45330, trainableParams: 44878, nonTrainableParams: 452, outputShape: [null, 10] });
    expect(s.layers.find((l: { id: string }) => l.id === 'conv1')).toEqual({
      id: 'conv1',
      kind: 'conv2d',
      outputShape: [null, 24, 24, 6],
      trainableParams: 156,
      nonTrainableParams: 0,
      macs: 86400,
      activationBytes: 24 * 24 * 6 * 4,
    });
    expect(s).toMatchObject({ totalMacs: 295488, activationBytes: 64888 });
    expect(s.diagnostics).toEqual([]);
  });

  it('still prints JSON but exits 1 when the graph has errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-'));
    const bad = JSON.parse(execFileSync('cat', [template('lenet')], { encoding: 'utf8' }));
    bad.edges = bad.edges.filter((e: { source: string; target: string }) => e.target !== 'flatten' && e.source !== 'flatten');
    bad.edges.push({ id: 'x', source: 'pool2', target: 'dense1', targetPort: 0 });
    writeFileSync(join(dir, 'bad.layerloom'), JSON.stringify(bad));
    const r = run('summary', join(dir, 'bad.layerloom'), '--json');
    expect(r.status).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s.diagnostics.some((d: { code: string }) => d.code === 'shape/rank-mismatch')).toBe(true);
  });

  it.each([
    [['summary', '/nonexistent/x.layerloom'], /x\.layerloom: no such file/],
    [['summary'], /summary needs a file/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('fails politely for %j', (args, msg) => {
    const r = run(...args);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("runs as `npx layerloom` from the project folder (npm runs the package's own bin)", () => {
    const root = new URL('../../../', import.meta.url).pathname;
    const r = spawnSync('npx', ['layerloom', 'summary', 'assets/templates/lenet-bn.json', '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ totalParams: 45330 });
  });

  it('names the line of malformed JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-'));
    writeFileSync(join(dir, 'broken.layerloom'), '{\n "format": "layerloom-project",\n ]');
    const r = run('summary', join(dir, 'broken.layerloom'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.layerloom:3:\d+: not valid JSON/);
  });
});
