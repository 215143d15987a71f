import { describe, expect, it } from 'vitest';
import {
  BENCH_SCHEMA,
  buildCase,
  buildResults,
  CASES,
  formatColumns,
  formatMemory,
  formatTable,
  parseBenchArgs,
  percentile,
  ratio,
  referenceCheck,
  statsOverhead,
  windowThroughput,
} from '../../../scripts/lib/bench-results.mjs';

const machine = { cpus: 2, model: 'Test CPU', totalMemMB: 4096, node: 'v20.0.0', platform: 'linux-x64' };

const lenetCase = () =>
  buildCase({
    name: 'lenet-bn',
    batch: 256,
    backend: 'wasm',
    threads: 1,
    exPerSec: { worker: 900, node: 1200, stock: 400, pytorch: 4800 },
    statsOverhead: 0.08,
    peakRssMB: { worker: 450, node: 300, stock: 350 },
  });

describe('ratio', () => {
  it('divides, and is null where a figure is missing or the divisor is not positive', () => {
    expect(ratio(900, 400)).toBe(2.25);
    expect(ratio(null, 400)).toBeNull();
    expect(ratio(900, null)).toBeNull();
    expect(ratio(900, 0)).toBeNull();
    expect(ratio(Number.NaN, 400)).toBeNull();
  });
});

describe('windowThroughput', () => {
  it('times only the steps after the warm-up, splitting a message evenly between its steps', () => {
    // Step 1 took 1000 ms (256 ex/s); steps 2-3 took 500 ms together (1024 ex/s over two
    // steps), so 250 ms each; steps 4-5 took 1000 ms together, and step 5 lies beyond the window.
    const messages = [
      { steps: [1], examplesPerSec: 256 },
      { steps: [2, 3], examplesPerSec: 1024 },
      { steps: [4, 5], examplesPerSec: 512 },
    ];
    const w = windowThroughput(messages, { warmup: 1, timed: 3, batch: 256 })!;
    expect(w.steps).toBe(3);
    // 250 + 250 + 500 ms for 3 × 256 examples.
    expect(w.msPerStep).toBeCloseTo(1000 / 3, 9);
    expect(w.exPerSec).toBeCloseTo(768, 9);
  });

  it('is null when no timed step was reported', () => {
    expect(
      windowThroughput([{ steps: [1], examplesPerSec: 500 }], { warmup: 1, timed: 5, batch: 256 }),
    ).toBeNull();
    expect(windowThroughput([], { warmup: 0, timed: 5, batch: 256 })).toBeNull();
  });
});

describe('statsOverhead and percentile', () => {
  it('is the extra share of step time with statistics on', () => {
    expect(statsOverhead([110, 130], [100, 100])).toBeCloseTo(0.2, 12);
    expect(statsOverhead([90], [100])).toBeCloseTo(-0.1, 12);
    expect(statsOverhead([], [100])).toBeNull();
  });

  it('takes the nearest-rank percentile', () => {
    const frames = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(frames, 95)).toBe(95);
    expect(percentile([16.7, 16.7, 50], 95)).toBe(50);
    expect(percentile([], 95)).toBeNull();
  });
});

describe('buildCase and buildResults', () => {
  it('computes the four ratios and fills every runner', () => {
    const c = lenetCase();
    expect(c.ratios).toEqual({
      workerToStock: 2.25,
      workerToPytorch: 0.1875,
      nodeToStock: 3,
      nodeToPytorch: 0.25,
    });
    expect(c.peakRssMB).toEqual({ worker: 450, node: 300, stock: 350, pytorch: null });
  });

  it('leaves the PyTorch figure and its ratios null when it was skipped', () => {
    const c = buildCase({ ...lenetCase(), exPerSec: { worker: 900, node: 1200, stock: 400 } });
    expect(c.exPerSec.pytorch).toBeNull();
    expect(c.ratios.workerToPytorch).toBeNull();
    expect(c.ratios.nodeToPytorch).toBeNull();
    expect(c.ratios.nodeToStock).toBe(3);
  });

  it('has the documented shape and survives a JSON round trip', () => {
    const results = buildResults({
      machine,
      cases: [lenetCase()],
      ui: [{ name: 'lenet-bn', longestTaskMs: 42, p95FrameMs: 16.7 }],
    });
    const back = JSON.parse(JSON.stringify(results));
    expect(back.schema).toBe(BENCH_SCHEMA);
    expect(Object.keys(back.machine).sort()).toEqual(['cpus', 'model', 'node', 'platform', 'totalMemMB']);
    expect(Object.keys(back.cases[0]).sort()).toEqual(
      ['backend', 'batch', 'exPerSec', 'name', 'peakRssMB', 'ratios', 'statsOverhead', 'threads'].sort(),
    );
    expect(Object.keys(back.cases[0].exPerSec)).toEqual(['worker', 'node', 'stock', 'pytorch']);
    expect(back.ui[0]).toEqual({ name: 'lenet-bn', longestTaskMs: 42, p95FrameMs: 16.7 });
    expect(back.referenceCheck).toBeNull();
  });
});

describe('referenceCheck', () => {
  const reference = { loss: 0.733, accuracy: 0.735 };

  it('passes within the tolerance and reports signed differences', () => {
    const r = referenceCheck({ measured: { loss: 0.75, accuracy: 0.72 }, reference, tolerance: 0.03 });
    expect(r.pass).toBe(true);
    expect(r.diff.loss).toBeCloseTo(0.017, 12);
    expect(r.diff.accuracy).toBeCloseTo(-0.015, 12);
  });

  it('fails when either figure is off by more than the tolerance, or not a number', () => {
    expect(
      referenceCheck({ measured: { loss: 0.8, accuracy: 0.735 }, reference, tolerance: 0.03 }).pass,
    ).toBe(false);
    expect(
      referenceCheck({ measured: { loss: 0.733, accuracy: 0.7 }, reference, tolerance: 0.03 }).pass,
    ).toBe(false);
    expect(
      referenceCheck({ measured: { loss: Number.NaN, accuracy: 0.735 }, reference, tolerance: 0.03 }).pass,
    ).toBe(false);
  });
});

describe('formatTable', () => {
  it('prints each figure, ratio, cost and the verdict, with a dash for a missing one', () => {
    const check = referenceCheck({
      measured: { loss: 0.9, accuracy: 0.7 },
      reference: { loss: 0.733, accuracy: 0.735 },
      tolerance: 0.03,
    });
    const skipped = buildCase({
      ...lenetCase(),
      name: 'mlp-fashion',
      exPerSec: { worker: 5000, node: 6000, stock: 2500 },
    });
    const text = formatTable(
      buildResults({
        machine,
        cases: [lenetCase(), skipped],
        ui: [{ name: 'lenet-bn', longestTaskMs: 42, p95FrameMs: 16.7 }],
        referenceCheck: check,
      }),
    );
    const lenetRow = text.split('\n').find((l) => l.startsWith('lenet-bn (batch 256'))!;
    expect(lenetRow.split(/\s{2,}/).slice(1)).toEqual([
      '900',
      '1200',
      '400',
      '4800',
      '2.25x',
      '0.19x',
      '3.00x',
      '0.25x',
    ]);
    const mlpRow = text.split('\n').find((l) => l.startsWith('mlp-fashion (batch'))!;
    expect(mlpRow.split(/\s{2,}/).slice(4)).toEqual(['–', '2.00x', '–', '2.40x', '–']);
    expect(text).toMatch(/lenet-bn\s+\+8\.0%\s+450\s+300\s+350\s+–/);
    expect(text).toMatch(/lenet-bn\s+42\s+16\.7/);
    expect(text).toContain('FAIL');
    expect(text).toContain('difference +0.1670');
  });

  it('aligns columns', () => {
    expect(
      formatColumns([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toBe('a    bb\nccc   d');
  });
});

/** The parsed options; fails the test when the arguments were refused. */
function options(argv: string[]) {
  const o = parseBenchArgs(argv);
  if (o.error !== undefined) throw new Error(o.error);
  return o;
}

describe('parseBenchArgs', () => {
  it('runs every case with 3 + 20 steps and the reference epoch by default', () => {
    const o = options([]);
    expect(o).toMatchObject({ warmup: 3, timed: 20, epoch: true, ui: true, quick: false });
    expect(o.cases).toEqual(CASES);
  });

  it('makes --quick a small smoke run without the epoch, and --only picks cases', () => {
    const o = options(['--quick', '--only', 'lenet,mlp-fashion']);
    expect(o).toMatchObject({ warmup: 1, timed: 2, epoch: false });
    expect(o.cases.map((c) => c.name)).toEqual(['lenet', 'mlp-fashion']);
    expect(options(['--only=lenet-bn', '--no-epoch', '--no-ui']).epoch).toBe(false);
  });

  it('names an unknown case or argument', () => {
    expect(parseBenchArgs(['--only', 'vgg']).error).toContain("unknown case 'vgg'");
    expect(parseBenchArgs(['--fast']).error).toContain("unknown argument '--fast'");
  });
});

describe('the memory case', () => {
  const measured = {
    steps: 235,
    finished: 'completed',
    rendererPeakMB: 466,
    rendererIdleMB: 167,
    workerPeakMB: 118,
    workerHeapPeakMB: 14,
    workerBuffersPeakMB: 112,
    pagePeakMB: 31,
    budgetMB: 500,
  };

  it('runs by default, alone with --memory-only, and not with --no-memory', () => {
    expect(options([])).toMatchObject({ memory: true, memoryOnly: false });
    expect(options(['--memory-only'])).toMatchObject({ memory: true, memoryOnly: true });
    expect(options(['--no-memory']).memory).toBe(false);
    expect(parseBenchArgs(['--memory-only', '--no-ui']).error).toContain('--memory-only needs');
  });

  it('prints the worker and renderer peaks against the budget, and says when over it', () => {
    const text = formatMemory(measured);
    expect(text).toContain('235 steps in the Chromium worker; budget 500 MB');
    expect(text).toMatch(
      /worker heap \+ array buffers, peak sampled: 118 MB \(heap 14, buffers 112\) within/,
    );
    expect(text).toMatch(
      /peak RSS: 466 MB within \(167 MB at rest before training, so loading and training added at most 299 MB\)/,
    );
    expect(formatMemory({ ...measured, rendererPeakMB: 620 })).toMatch(/peak RSS: 620 MB OVER/);
    expect(formatMemory({ error: 'no browser' })).toContain('not measured: no browser');
    const results = buildResults({ machine, cases: [], ui: [], memory: measured });
    expect(JSON.parse(JSON.stringify(results)).memory).toEqual(measured);
    expect(formatTable(results)).toContain('budget 500 MB');
  });
});
