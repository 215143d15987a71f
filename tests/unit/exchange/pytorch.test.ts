import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/analyze';
import { exportPyTorch } from '../../../src/compiler/export-pytorch';
import type { Doc } from '../../../src/graph/document';
import { FASHION_DIR, planOf, PYTHON, templates, torchOrSkip } from './exchange-helpers';
import { zoo } from './zoo';

const CHECKER = new URL('../../python/check_pytorch_export.py', import.meta.url).pathname;
const ENV = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
const torch = torchOrSkip();
const dir = mkdtempSync(join(tmpdir(), 'll-torch-'));

/** Writes the export of a document and what our analysis expects of it; returns both paths. */
function exportFiles(id: string, doc: Doc): { model: string; expected: string } {
  const plan = planOf(doc);
  const a = analyze(doc);
  const model = join(dir, `${id.replace(/\W/g, '_')}.py`);
  const expected = join(dir, `${id}.expected.json`);
  writeFileSync(model, exportPyTorch(doc, plan));
  const shapes = Object.fromEntries(plan.nodes.map((n) => [n.id, a.shapes.get(n.id)]));
  writeFileSync(
    expected,
    JSON.stringify({ trainable: a.totals.trainable, nonTrainable: a.totals.nonTrainable, shapes }),
  );
  return { model, expected };
}

const cases: [string, Doc][] = [...templates(), ['zoo', zoo()]];
const reports = new Map<string, unknown>();

describe.skipIf(!torch)('exported PyTorch code (run by /usr/bin/python3)', () => {
  beforeAll(() => {
    // One Python process checks every case: importing torch is most of the time.
    const files = cases.map(([id, doc]) => exportFiles(id, doc));
    const r = spawnSync(PYTHON, [CHECKER, ...files.flatMap((f) => [f.model, f.expected])], {
      encoding: 'utf8',
      env: ENV,
    });
    if (r.stderr) throw new Error(r.stderr);
    r.stdout
      .trim()
      .split('\n')
      .forEach((line, i) => reports.set(cases[i]![0], JSON.parse(line)));
  }, 120_000);

  it.each(cases.map(([id]) => id))(
    '%s: parameter counts and every layer shape match ours; one training step runs',
    (id) => {
      const report = reports.get(id) as { problems: string[]; layers: number };
      expect(report).toBeDefined();
      expect(report.problems).toEqual([]);
      expect(report.layers).toBe(planOf(cases.find(([c]) => c === id)![1]).nodes.length);
    },
  );

  it('trains as two DistributedDataParallel processes (gloo) that end with identical weights', async () => {
    const [, lenetBn] = cases.find(([id]) => id === 'lenet-bn')!;
    const { model } = exportFiles('lenet-bn-ddp', lenetBn);
    const port = await freePort();
    const args = [
      model,
      '--data',
      FASHION_DIR,
      '--limit',
      '512',
      '--test-limit',
      '256',
      '--epochs',
      '1',
      '--max-steps',
      '3',
      '--threads',
      '1',
      '--save',
      join(dir, 'w-{rank}.pt'),
    ];
    const env = { ...ENV, MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), WORLD_SIZE: '2' };
    const outs = await Promise.all(
      [0, 1].map((rank) => runPython(args, { ...env, RANK: String(rank), LOCAL_RANK: String(rank) })),
    );
    const sums = outs.map((o) => /final-checksum rank=(\d) sha256=([0-9a-f]{64})/.exec(o)?.slice(1));
    expect(sums.map((s) => s?.[0])).toEqual(['0', '1']);
    expect(sums[0]![1]).toBe(sums[1]![1]);
    expect(outs[0]).toMatch(/epoch 1 loss \d+\.\d+ train-acc/);
    const same = spawnSync(
      PYTHON,
      [
        '-c',
        'import sys,torch;a,b=(torch.load(p) for p in sys.argv[1:]);sys.exit(0 if a.keys()==b.keys() and all(torch.equal(a[k],b[k]) for k in a) else 1)',
        join(dir, 'w-0.pt'),
        join(dir, 'w-1.pt'),
      ],
      { env: ENV },
    );
    expect(same.status).toBe(0);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function runPython(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, args, { env });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => p.kill(), 45_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`python exited ${code}: ${err}`));
    });
  });
}
