// The pure parts of `npm run bench`: throughput from the trainer's 'batches' messages,
// ratios, frame statistics, the reference check, the results JSON and the printed table.
// No I/O here, so tests/unit/scripts/bench-results.test.ts can check it on made-up inputs.

/** Version of bench-results.json; bump when its shape changes. */
export const BENCH_SCHEMA = 2;

/** The runners every case is measured with, in table order. */
export const RUNNERS = ['worker', 'node', 'stock', 'pytorch'];

/** The benchmarked cases: a template each, named by its file and its gallery title. */
export const CASES = [
  { name: 'lenet-bn', file: 'assets/templates/lenet-bn.json', titleKey: 'lenet-bn' },
  { name: 'lenet', file: 'assets/templates/lenet.json', titleKey: 'lenet' },
  { name: 'mlp-fashion', file: 'assets/templates/mlp-fashion.json', titleKey: 'mlp-fashion' },
];

const USAGE = `usage: npm run bench -- [--quick] [--only <case>[,<case>]] [--no-epoch] [--no-ui] [--no-build]
                     [--no-memory | --memory-only]
  --quick     1 warm-up + 2 timed steps per measurement, no reference epoch (a smoke run)
  --only      measure these cases only (${CASES.map((c) => c.name).join(', ')})
  --no-epoch  skip the one-epoch reference check of LeNet-BN
  --no-ui     skip the app's worker in Chromium (runner "worker")
  --no-build  serve the existing web build even when sources are newer
  --no-memory    skip the memory case (the full Fashion-MNIST trained in the Chromium worker)
  --memory-only  run the memory case alone`;

/**
 * Parses the bench's arguments into `{quick, cases, epoch, ui, build, warmup, timed}` or
 * `{error}` with the usage. Steps: 3 warm-up + 20 timed (1 + 2 with --quick).
 */
export function parseBenchArgs(argv) {
  const o = {
    quick: false,
    cases: CASES,
    epoch: true,
    ui: true,
    build: true,
    memory: true,
    memoryOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--no-epoch') o.epoch = false;
    else if (a === '--no-ui') o.ui = false;
    else if (a === '--no-memory') o.memory = false;
    else if (a === '--memory-only') o.memoryOnly = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a === '--only' ? argv[++i] : a.slice('--only='.length);
      const names = (value ?? '').split(',').filter((s) => s !== '');
      const unknown = names.filter((n) => !CASES.some((c) => c.name === n));
      if (names.length === 0 || unknown.length > 0) {
        return { error: `--only: unknown case '${unknown[0] ?? ''}'\n${USAGE}` };
      }
      o.cases = CASES.filter((c) => names.includes(c.name));
    } else if (a === '--help' || a === '-h') return { error: USAGE };
    else return { error: `unknown argument '${a}'\n${USAGE}` };
  }
  if (o.quick) o.epoch = false;
  if (o.memoryOnly && (!o.memory || !o.ui))
    return { error: `--memory-only needs the memory case and the UI\n${USAGE}` };
  return { ...o, warmup: o.quick ? 1 : 3, timed: o.quick ? 2 : 20 };
}

/** a / b, or null when either is missing or b is not a positive number. */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !(b > 0)) return null;
  return a / b;
}

/**
 * Throughput of the steps after `warmup` (at most `timed` of them) from the trainer's
 * 'batches' messages `{steps: number[], examplesPerSec}`. A message's rate covers all of its
 * steps (examples / time inside those steps), so its time is split evenly between them;
 * every step is taken to hold `batch` examples. Returns null when no timed step was seen.
 */
export function windowThroughput(messages, { warmup, timed, batch }) {
  let ms = 0;
  let steps = 0;
  for (const m of messages) {
    const n = m.steps.length;
    if (n === 0 || !(m.examplesPerSec > 0)) continue;
    const perStepMs = (n * batch * 1000) / m.examplesPerSec / n;
    for (const s of m.steps) {
      if (s > warmup && s <= warmup + timed) {
        ms += perStepMs;
        steps += 1;
      }
    }
  }
  return steps === 0 ? null : { exPerSec: (steps * batch * 1000) / ms, steps, msPerStep: ms / steps };
}

/** The arithmetic mean, or null for no values. */
export const mean = (xs) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The p-th percentile (0..100, nearest rank) of some values, or null for none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * The extra time per step that live statistics cost, as a fraction of a step without
 * them (0.1 = 10 % slower), from per-step milliseconds of the two settings.
 */
export function statsOverhead(msOn, msOff) {
  const on = mean(msOn);
  const off = mean(msOff);
  return on === null || off === null || !(off > 0) ? null : on / off - 1;
}

/**
 * One measured case. `exPerSec` and `peakRssMB` map each runner to its figure (null:
 * not measured); the ratios compare the app's two trainers with the two baselines.
 */
export function buildCase({ name, batch, backend, threads, exPerSec, statsOverhead, peakRssMB }) {
  const figures = Object.fromEntries(RUNNERS.map((r) => [r, exPerSec[r] ?? null]));
  return {
    name,
    batch,
    backend,
    threads,
    exPerSec: figures,
    ratios: {
      workerToStock: ratio(figures.worker, figures.stock),
      workerToPytorch: ratio(figures.worker, figures.pytorch),
      nodeToStock: ratio(figures.node, figures.stock),
      nodeToPytorch: ratio(figures.node, figures.pytorch),
    },
    statsOverhead: statsOverhead ?? null,
    peakRssMB: Object.fromEntries(RUNNERS.map((r) => [r, peakRssMB?.[r] ?? null])),
  };
}

/**
 * The reference check of one epoch against PyTorch's figures: PASS when loss and train
 * accuracy are both within `tolerance` of the reference.
 */
export function referenceCheck({ measured, reference, tolerance }) {
  const lossDiff = measured.loss - reference.loss;
  const accuracyDiff = measured.accuracy - reference.accuracy;
  const testDiff =
    typeof measured.testAccuracy === 'number' && typeof reference.testAccuracy === 'number'
      ? { testAccuracy: measured.testAccuracy - reference.testAccuracy }
      : {};
  const pass =
    Number.isFinite(lossDiff) &&
    Number.isFinite(accuracyDiff) &&
    Math.abs(lossDiff) <= tolerance &&
    Math.abs(accuracyDiff) <= tolerance;
  return {
    measured,
    reference,
    tolerance,
    diff: { loss: lossDiff, accuracy: accuracyDiff, ...testDiff },
    pass,
  };
}

/**
 * The whole bench-results.json object (schema 2 added `memory`: the full-dataset memory case).
 * @param {{machine: object, cases: object[], ui: object[], referenceCheck?: object | null,
 *   settings?: object | null, notes?: string[], memory?: object | null}} input
 */
export function buildResults({
  machine,
  cases,
  ui,
  referenceCheck = null,
  settings = null,
  notes = [],
  memory = null,
}) {
  return { schema: BENCH_SCHEMA, machine, settings, cases, ui, memory, referenceCheck, notes };
}

/** The memory case's lines: the worker's and its renderer process's peaks against the budget. */
export function formatMemory(m) {
  if (!m || m.error)
    return `memory (full Fashion-MNIST in the Chromium worker): not measured${m ? `: ${m.error}` : ''}`;
  const within = (x) => (typeof x === 'number' ? (x <= m.budgetMB ? 'within' : 'OVER') : '?');
  return [
    `memory (full Fashion-MNIST, 60,000 + 10,000 images, ${m.steps} steps in the Chromium worker; budget ${m.budgetMB} MB):`,
    `  worker heap + array buffers, peak sampled: ${num(m.workerPeakMB)} MB (heap ${num(m.workerHeapPeakMB)}, ` +
      `buffers ${num(m.workerBuffersPeakMB)}) ${within(m.workerPeakMB)}`,
    `  the page's own heap + array buffers, peak sampled: ${num(m.pagePeakMB)} MB`,
    `  renderer process (page + worker, an upper bound), peak RSS: ${num(m.rendererPeakMB)} MB ${within(m.rendererPeakMB)}` +
      ` (${num(m.rendererIdleMB)} MB at rest before training` +
      (typeof m.rendererPeakMB === 'number' && typeof m.rendererIdleMB === 'number'
        ? `, so loading and training added at most ${num(m.rendererPeakMB - m.rendererIdleMB)} MB)`
        : ')'),
  ].join('\n');
}

const num = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');
const times = (x) => (typeof x === 'number' && Number.isFinite(x) ? `${x.toFixed(2)}x` : '–');
const percent = (x) =>
  typeof x === 'number' && Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%` : '–';

/** Lays rows of cells out in columns (first column left-aligned, the rest right-aligned). */
export function formatColumns(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The printed summary: throughput and ratios, costs, UI smoothness, the reference check. */
export function formatTable(results) {
  const speed = [
    ['examples/s', 'worker', 'node', 'stock', 'pytorch', 'w/stock', 'w/torch', 'n/stock', 'n/torch'],
  ];
  const cost = [['stats cost, peak RSS', 'stats', 'MB worker', 'MB node', 'MB stock', 'MB torch']];
  for (const c of results.cases) {
    const e = c.exPerSec;
    const r = c.ratios;
    speed.push([
      `${c.name} (batch ${c.batch}, ${c.backend}, ${c.threads ?? '?'} thr)`,
      num(e.worker),
      num(e.node),
      num(e.stock),
      num(e.pytorch),
      times(r.workerToStock),
      times(r.workerToPytorch),
      times(r.nodeToStock),
      times(r.nodeToPytorch),
    ]);
    const m = c.peakRssMB;
    cost.push([c.name, percent(c.statsOverhead), num(m.worker), num(m.node), num(m.stock), num(m.pytorch)]);
  }
  const parts = [formatColumns(speed), formatColumns(cost)];
  if (results.ui.length > 0) {
    const ui = [['main thread (Chromium)', 'longest task ms', 'p95 frame ms']];
    for (const u of results.ui) ui.push([u.name, num(u.longestTaskMs), num(u.p95FrameMs, 1)]);
    parts.push(formatColumns(ui));
  }
  const ref = results.referenceCheck;
  if (ref) {
    const line = (what, key) =>
      `  ${what}: ${ref.measured[key].toFixed(4)}  reference ${ref.reference[key].toFixed(3)}  ` +
      `difference ${ref.diff[key] >= 0 ? '+' : ''}${ref.diff[key].toFixed(4)}`;
    parts.push(
      [
        `reference check (LeNet-BN, 1 epoch, full training set, tolerance ${ref.tolerance}): ${ref.pass ? 'PASS' : 'FAIL'}`,
        line('loss', 'loss'),
        line('train accuracy', 'accuracy'),
        ...(typeof ref.measured.testAccuracy === 'number' && typeof ref.reference.testAccuracy === 'number'
          ? [`${line('test accuracy', 'testAccuracy')} (not checked: it swings between epochs)`]
          : []),
      ].join('\n'),
    );
  }
  if (results.memory !== undefined) parts.push(formatMemory(results.memory));
  return parts.join('\n\n');
}
