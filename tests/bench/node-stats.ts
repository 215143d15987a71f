// Benchmark runner: the cost of live statistics, measured with one Trainer in one Node
// process, runs alternating statistics off and on (the app's default statistics settings).
// usage: node --import tsx tests/bench/node-stats.ts <project> --warmup N --timed N [--rounds N]
import { windowThroughput, statsOverhead } from '../../scripts/lib/bench-results.mjs';
import { fashionMnistSource, nodeWasmDir } from '../../src/cli/node-data';
import { Trainer } from '../../src/runtime/trainer';
import { DEFAULT_START_OPTIONS, type FromTrainer, type ToTrainer } from '../../src/training/protocol';
import { parseRunnerArgs, projectPlan, runMain, type RunnerArgs } from './runner-common';

type Start = Extract<ToTrainer, { type: 'start' }>;
type Batches = Extract<FromTrainer, { type: 'batches' }>;

/** Milliseconds per timed step of one run, with statistics on or off. */
async function timeRun(
  trainer: Trainer,
  inbox: FromTrainer[],
  start: Start,
  args: RunnerArgs,
): Promise<number> {
  inbox.length = 0;
  await trainer.handle(start);
  const failed = inbox.find((m) => m.type === 'failed');
  if (failed) throw new Error(`training failed: ${JSON.stringify(failed.diagnostic)}`);
  const batches = inbox.filter((m): m is Batches => m.type === 'batches');
  const messages = batches.map((m) => ({ steps: Array.from(m.steps), examplesPerSec: m.examplesPerSec }));
  const w = windowThroughput(messages, { ...args, batch: start.config.batchSize });
  if (!w) throw new Error('no timed steps were reported');
  return w.msPerStep;
}

await runMain(async () => {
  const args = parseRunnerArgs(process.argv.slice(2));
  const roundsAt = process.argv.indexOf('--rounds');
  const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 2;
  const { doc, plan } = projectPlan(args.file);
  const inbox: FromTrainer[] = [];
  // batchIntervalMs 0: one 'batches' message per step, so every step's time is known.
  const trainer = new Trainer((m) => void inbox.push(m), fashionMnistSource(), {
    backend: { wasmPaths: nodeWasmDir() },
    batchIntervalMs: 0,
  });
  const batch = doc.training.batchSize;
  // One step more than timed: the epoch's last step always captures statistics, and a
  // real epoch has hundreds of steps, so that one is left out of the window.
  const window = (args.warmup + args.timed + 1) * batch;
  const start = (enabled: boolean, label: string, examples = window): Start => ({
    type: 'start',
    runId: `stats-${enabled ? 'on' : 'off'}-${label}`,
    plan: plan as unknown as Start['plan'],
    config: { ...doc.training, epochs: 1, trainLimit: null, validation: { kind: 'test-set' } },
    dataset: doc.dataset,
    limits: { maxExamples: examples, maxEpochs: 1, maxSteps: null, maxTestExamples: batch },
    backend: 'wasm',
    options: {
      stats: { ...DEFAULT_START_OPTIONS.stats, enabled },
      checkpointData: false,
    },
  });
  // The first capture in a process pays a one-time set-up (hundreds of ms): a short untimed
  // run with statistics takes it, so the rounds compare steady states.
  await timeRun(trainer, inbox, start(true, 'warm-up', (args.warmup + 2) * batch), { ...args, timed: 1 });
  const off: number[] = [];
  const on: number[] = [];
  for (let n = 0; n < rounds; n++) {
    off.push(await timeRun(trainer, inbox, start(false, `${n}`), args));
    on.push(await timeRun(trainer, inbox, start(true, `${n}`), args));
  }
  return { statsOverhead: statsOverhead(on, off), msPerStepOn: on, msPerStepOff: off };
});
