#!/usr/bin/env node
// `npm run bench`: training speed of LeNet-BN, LeNet and the MLP on Fashion-MNIST, measured
// in one run with four runners: (a) "worker": the app's trainer in its worker in headless
// Chromium, driven through the UI, statistics on; (b) "node": `layerloom train --json`;
// (c) "stock": tf.layers' own trainOnBatch on the same wasm backend; (d) "pytorch": the
// exported PyTorch model on one thread. Also the cost of live statistics, peak memory, the
// UI's longest task and 95th-percentile frame while training, and one full LeNet-BN epoch
// checked against PyTorch's reference figures. Also: the full Fashion-MNIST (70,000 images)
// trained by the worker in Chromium, with the worker's and its renderer process's peak memory
// against the 500 MB budget (`--memory-only` runs that alone). Prints a table, writes bench-results.json.
// Never part of `npm test`: it takes minutes and its figures depend on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildCase,
  buildResults,
  formatMemory,
  formatTable,
  parseBenchArgs,
  percentile,
  referenceCheck,
  windowThroughput,
} from './lib/bench-results.mjs';
import { measureEditor } from './lib/bench-editor.mjs';
import { measureFullDataMemory } from './lib/bench-memory.mjs';
import { measureInBrowser } from './lib/bench-ui.mjs';
import { ROOT } from './lib/paths.mjs';
import { serveWeb } from './web.mjs';

const CLI = path.join(ROOT, 'bin/layerloom.mjs');
const RSS_HOOK = path.join(ROOT, 'scripts/lib/report-peak-rss.mjs');
const PYTHON = '/usr/bin/python3';
const FASHION_DIR = path.join(ROOT, 'assets/datasets/fashion-mnist');
/**
 * PyTorch 1.13, one thread, d2l's LeNet with batch norm, SGD lr 1.0, batch 256: epoch 1
 * (the project's TOOLCHAIN notes, "Reference results to reproduce").
 */
const REFERENCE = { loss: 0.733, accuracy: 0.735, testAccuracy: 0.743 };
const TOLERANCE = 0.03;
/** Extra steps the worker runs, so its window can start after the first statistics snapshot. */
const WORKER_SLACK = 10;

const log = (s) => process.stderr.write(`${s}\n`);

/** Runs a command; resolves to {code, stdout, stderr} (never rejects). */
function capture(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => resolve({ code: 1, stdout, stderr: `${stderr}${e.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The last JSON line of a runner's output; throws with its stderr when it failed. */
function lastJson(r, what) {
  const line = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  if (r.code !== 0 || !line)
    throw new Error(`${what} failed (exit ${r.code}): ${r.stderr.trim().slice(-800)}`);
  return JSON.parse(line);
}

/** `layerloom train` with the peak-memory hook; resolves to {reports, peakRssMB, threads}. */
async function cliTrain(file, args) {
  const r = await capture(process.execPath, ['--import', RSS_HOOK, CLI, 'train', file, ...args, '--json']);
  lastJson(r, `layerloom train ${file}`);
  const reports = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const rss = /bench-peak-rss-mb ([\d.]+)/.exec(r.stderr);
  const threads = /(\d+) threads?\)/.exec(r.stderr);
  return { reports, peakRssMB: rss ? Number(rss[1]) : null, threads: threads ? Number(threads[1]) : null };
}

/**
 * (b): two epochs of `timed` batches each; the first is the warm-up, the second's rate
 * (the CLI's examplesPerSec: examples over time inside the steps) is the figure.
 */
async function nodeRunner(c, o) {
  const r = await cliTrain(c.file, ['--epochs', '2', '--limit', String(o.timed * 256), '--backend', 'wasm']);
  return { exPerSec: r.reports.at(-1).examplesPerSec, peakRssMB: r.peakRssMB, threads: r.threads };
}

/** A TypeScript runner under tests/bench, through tsx; resolves to its JSON result. */
async function tsRunner(script, c, o, extra = []) {
  const args = ['--import', 'tsx', path.join(ROOT, 'tests/bench', script), c.file];
  const r = await capture(process.execPath, [
    ...args,
    '--warmup',
    `${o.warmup}`,
    '--timed',
    `${o.timed}`,
    ...extra,
  ]);
  return lastJson(r, script);
}

/** True when Debian's Python can import torch. */
const hasTorch = () => spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

/** (d): the exported PyTorch model, one thread; null when torch is absent. */
async function pytorchRunner(c, o, tmp) {
  const model = path.join(tmp, `${c.name.replace(/\W/g, '_')}.py`);
  const exported = await capture(process.execPath, [
    CLI,
    'export',
    c.file,
    '--format',
    'pytorch',
    '-o',
    model,
  ]);
  if (exported.code !== 0) throw new Error(`export to PyTorch failed: ${exported.stderr.trim()}`);
  const script = path.join(ROOT, 'tests/bench/torch_bench.py');
  const steps = ['--warmup', `${o.warmup}`, '--timed', `${o.timed}`];
  const env = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  return lastJson(await capture(PYTHON, [script, model, '--data', FASHION_DIR, ...steps], env), 'PyTorch');
}

/** Runs one runner, turning a failure into a note and a null figure. */
async function attempt(label, notes, f) {
  const started = Date.now();
  try {
    const r = await f();
    log(`  ${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return r;
  } catch (e) {
    notes.push(`${label}: ${e.message}`);
    log(`  ${label}: FAILED: ${e.message}`);
    return null;
  }
}

/**
 * (a) for every case, in Chromium, then the editor case; resolves to `{runs, editor}`: a map
 * name -> browser result, and the editor's `ui` entries.
 */
async function workerRuns(o, notes) {
  if (!o.ui) return { runs: new Map(), editor: [] };
  const { server, url } = await serveWeb({ build: o.build });
  try {
    const en = JSON.parse(readFileSync(path.join(ROOT, 'assets/locales/en.json'), 'utf8'));
    const cases = o.cases.map((c) => ({
      name: c.name,
      title: en.template[c.titleKey].title,
      // Room for the window to start after the first statistics snapshot (see measureCase),
      // and one step past it: the epoch's last step always captures statistics.
      examples: (o.warmup + WORKER_SLACK + o.timed + 1) * 256,
    }));
    log('worker: training in Chromium through the UI ...');
    const results = await measureInBrowser(url, cases);
    log('editor: a 200-layer graph, dragging a layer and panning ...');
    const editor = await measureEditor(url).catch((e) => {
      notes.push(`editor: not measured: ${e.message.split('\n')[0]}`);
      return [];
    });
    for (const r of results) {
      if (r.error) notes.push(`worker ${r.name}: ${r.error}`);
      else if (r.finished?.type !== 'finished')
        notes.push(`worker ${r.name}: ${r.finished?.detail ?? 'no end'}`);
      else if (r.pageErrors.length > 0)
        notes.push(`worker ${r.name}: page errors: ${r.pageErrors.join('; ')}`);
    }
    return { runs: new Map(results.map((r) => [r.name, r])), editor };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/**
 * The memory case: LeNet-BN on the whole of Fashion-MNIST (one epoch, 235 steps) in the
 * app's worker in Chromium; resolves to its figures, or null when skipped.
 */
async function memoryRun(o, notes) {
  if (!o.memory || !o.ui) return null;
  const { server, url } = await serveWeb({ build: o.build });
  try {
    const en = JSON.parse(readFileSync(path.join(ROOT, 'assets/locales/en.json'), 'utf8'));
    log('memory: LeNet-BN on all 70,000 Fashion-MNIST images in the Chromium worker (a minute or more) ...');
    const m = await measureFullDataMemory(url, { title: en.template['lenet-bn'].title });
    if (m.error) notes.push(`memory: ${m.error}`);
    else if (m.finished !== 'completed') notes.push(`memory: the run ended with '${m.finished}'`);
    if (m.pageErrors?.length > 0) notes.push(`memory: page errors: ${m.pageErrors.join('; ')}`);
    if (!m.error && m.workerPeakMB === null) notes.push('memory: the worker heap could not be read over CDP');
    return m;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** Every runner for one case; resolves to the case's results entry. */
async function measureCase(c, o, browser, tmp, notes) {
  log(`${c.name}:`);
  const w = browser.get(c.name);
  // The first snapshot of a run pays a one-time set-up (hundreds of ms) that a real epoch of
  // hundreds of steps amortizes: the timed window starts after it.
  const warmup = Math.max(o.warmup, w?.statsSteps?.[0] ?? 0);
  const worker = w && !w.error ? windowThroughput(w.batches, { warmup, timed: o.timed, batch: 256 }) : null;
  if (worker && worker.steps < o.timed) notes.push(`worker ${c.name}: only ${worker.steps} steps timed`);
  const node = await attempt(`${c.name} node`, notes, () => nodeRunner(c, o));
  const stock = await attempt(`${c.name} stock`, notes, () => tsRunner('stock.ts', c, o));
  const torch = o.torch ? await attempt(`${c.name} pytorch`, notes, () => pytorchRunner(c, o, tmp)) : null;
  if (torch && !notes.some((n) => n.startsWith('pytorch BLAS'))) {
    notes.push(`pytorch BLAS: ${torch.blas} (torch ${torch.torch}, ${torch.threads} thread)`);
  }
  const rounds = o.quick ? '1' : '2';
  const stats = await attempt(`${c.name} stats`, notes, () =>
    tsRunner('node-stats.ts', c, o, ['--rounds', rounds]),
  );
  const workerThreads = /(\d+) threads?\)/.exec(w?.started?.reason ?? '');
  return buildCase({
    name: c.name,
    batch: 256,
    backend: 'wasm',
    threads: workerThreads ? Number(workerThreads[1]) : (node?.threads ?? null),
    exPerSec: {
      worker: worker?.exPerSec,
      node: node?.exPerSec,
      stock: stock?.exPerSec,
      pytorch: torch?.exPerSec,
    },
    statsOverhead: stats?.statsOverhead,
    peakRssMB: {
      worker: w?.peakRssMB,
      node: node?.peakRssMB,
      stock: stock?.peakRssMB,
      pytorch: torch?.peakRssMB,
    },
  });
}

/** The longest task and the 95th-percentile frame while the worker trained. */
const uiFigures = ({ runs, editor }) => [
  ...[...runs.values()]
    .filter((r) => !r.error)
    .map((r) => ({
      name: `training: ${r.name}`,
      longestTaskMs: r.longTasksMs.length > 0 ? Math.max(...r.longTasksMs) : 0,
      p95FrameMs: percentile(r.framesMs, 95),
      frames: r.framesMs.length,
    })),
  ...editor,
];

/** One full epoch of LeNet-BN (60,000 examples) against the PyTorch reference. */
async function epochCheck(notes) {
  log('reference epoch: LeNet-BN, 1 epoch of the full training set (a minute or more) ...');
  const r = await attempt('reference epoch', notes, () =>
    cliTrain('assets/templates/lenet-bn.json', ['--epochs', '1', '--backend', 'wasm']),
  );
  if (!r) return null;
  const e = r.reports[0];
  const measured = {
    loss: e.loss,
    accuracy: e.accuracy,
    testAccuracy: e.testAccuracy,
    testAccuracyTrainingMode: e.testAccuracyTrainingMode,
    examplesPerSec: e.examplesPerSec,
  };
  return referenceCheck({ measured, reference: REFERENCE, tolerance: TOLERANCE });
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    totalMemMB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

async function main() {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (parsed.error) {
    log(parsed.error);
    return 2;
  }
  const notes = [];
  // Chromium, torch and OpenBLAS when missing (as root on Debian); the bench goes on without them.
  if (
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/setup.mjs'), '--bench'], { stdio: 'inherit' })
      .status !== 0
  )
    notes.push('setup: some system packages are missing (see above); figures that need them are skipped');
  if (parsed.memoryOnly) {
    const notes = [];
    const m = await memoryRun(parsed, notes);
    process.stdout.write(`\n${formatMemory(m)}\n${JSON.stringify(m)}\n`);
    if (notes.length > 0) process.stdout.write(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
    return m && !m.error ? 0 : 1;
  }
  const o = { ...parsed, torch: hasTorch() };
  if (!o.torch) notes.push(`pytorch skipped: ${PYTHON} cannot import torch (apt-get install python3-torch)`);
  log(`bench: ${o.warmup} warm-up + ${o.timed} timed steps of batch 256 per measurement`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerloom-bench-'));
  try {
    const browser = await workerRuns(o, notes).catch((e) => {
      notes.push(`worker: not measured: ${e.message}`);
      return { runs: new Map(), editor: [] };
    });
    const cases = [];
    for (const c of o.cases) cases.push(await measureCase(c, o, browser.runs, tmp, notes));
    const memory = await memoryRun(o, notes).catch((e) => ({ error: e.message }));
    const reference = o.epoch ? await epochCheck(notes) : null;
    const settings = { warmup: o.warmup, timed: o.timed, quick: o.quick };
    const results = buildResults({
      machine: machine(),
      settings,
      cases,
      ui: uiFigures(browser),
      referenceCheck: reference,
      memory,
      notes,
    });
    writeFileSync(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\n${formatTable(results)}\n`);
    if (notes.length > 0) process.stdout.write(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
    process.stdout.write('\nwrote bench-results.json\n');
    return reference && !reference.pass ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
