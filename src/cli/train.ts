import { analyze } from '../analysis/analyze';
import { isToyRef } from '../data/toy-builtin';
import { IDX_DATASETS } from '../graph/datasets';
import { compilePlan, type ModelPlan } from '../compiler/plan';
import { packWeightSet } from '../compiler/tfjs-weights';
import type { Doc, TrainingConfig } from '../graph/document';
import { Trainer, type DataSource } from '../runtime/trainer';
import {
  DEFAULT_START_OPTIONS,
  type BackendChoice,
  type FromTrainer,
  type ToTrainer,
} from '../training/protocol';
import { type CliIo, parseArgs, UserError } from './io';
import { loadProject } from './load';
import { sidecarWeights } from './sidecar';
import { fashionMnistSource, nodeWasmDir, toySource } from './node-data';
import { diagnosticLine } from './place';
import { EpochMeter, epochLine, r2Line, type EpochReport } from './train-meter';

/** What `layerloom train` was asked to do. */
export interface TrainArgs {
  file: string;
  epochs: number | null;
  limit: number | null;
  seed: number | null;
  backend: BackendChoice;
  json: boolean;
}

const BACKENDS: readonly BackendChoice[] = ['wasm', 'cpu', 'auto'];

/** A whole-number option within bounds, or null when absent. */
function intOption(
  options: Map<string, string | true>,
  name: string,
  min: number,
  max: number,
): number | null {
  const v = options.get(name);
  if (v === undefined) return null;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v.trim()) || n < min || n > max) {
    throw new UserError(`option --${name} needs a whole number from ${min} to ${max}, got '${String(v)}'`);
  }
  return n;
}

/** Parses `train <project> [--epochs N] [--limit N] [--seed S] [--backend wasm|cpu|auto] [--json]`. */
export function parseTrainArgs(args: readonly string[]): TrainArgs {
  const spec = { epochs: 'value', limit: 'value', seed: 'value', backend: 'value', json: 'switch' } as const;
  const { positional, options } = parseArgs(args, spec);
  if (positional.length !== 1) throw new UserError('train needs exactly one project file');
  const backend = options.get('backend') ?? 'auto';
  if (!BACKENDS.includes(backend as BackendChoice)) {
    throw new UserError(`option --backend must be wasm, cpu or auto, got '${String(backend)}'`);
  }
  return {
    file: positional[0]!,
    epochs: intOption(options, 'epochs', 1, 10_000),
    limit: intOption(options, 'limit', 1, 1_000_000_000),
    seed: intOption(options, 'seed', 0, 2 ** 32 - 1),
    backend: backend as BackendChoice,
    json: options.has('json'),
  };
}

/** The compiled plan of a project, or a one-line error naming the first problem and its place. */
function planOf(file: string, doc: Doc): ModelPlan {
  const r = compilePlan(doc, analyze(doc));
  if (!r.ok) throw new UserError(diagnosticLine(file, doc, r.error[0]!), 1);
  return r.value;
}

/** The data source of the project's dataset (the CLI knows the built-in ones only). */
function dataOf(file: string, doc: Doc): DataSource {
  const ref = doc.dataset;
  if (ref.kind === 'builtin' && IDX_DATASETS.includes(ref.id)) return fashionMnistSource();
  if (isToyRef(ref)) return toySource();
  throw new UserError(
    `${file}: $.dataset: the command line can train on the built-in sets only (${IDX_DATASETS.join(', ')} and the toy sets), not '${ref.id}'`,
  );
}

/** Runs `layerloom train` and returns the exit code; results on stdout, progress on stderr. */
export async function train(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseTrainArgs(argv);
  const doc = loadProject(args.file);
  const plan = planOf(args.file, doc);
  const data = dataOf(args.file, doc);
  // The held-out figures are always the full test set, whatever the project's validation choice.
  const config: TrainingConfig = {
    ...doc.training,
    epochs: args.epochs ?? doc.training.epochs,
    seed: args.seed ?? doc.training.seed,
    validation: { kind: 'test-set' },
  };
  const trainCount = Math.min(
    await trainCountOf(data, doc),
    args.limit ?? Infinity,
    config.trainLimit ?? Infinity,
  );
  const meter = new EpochMeter(
    config.batchSize,
    trainCount,
    plan.head.kind === 'regression' ? 'mae' : 'accuracy',
  );
  const outcome = { failure: null as string | null, last: null as EpochReport | null };
  const post = (msg: FromTrainer): void => {
    if (msg.type === 'started') io.stderr(`layerloom: training on ${msg.backend}: ${msg.reason}\n`);
    else if (msg.type === 'batches') meter.addBatches(msg);
    else if (msg.type === 'epoch') {
      const report = meter.endEpoch(msg);
      io.stdout(args.json ? `${JSON.stringify(report)}\n` : `${epochLine(report, config.epochs)}\n`);
      outcome.last = report;
    } else if (msg.type === 'finding') io.stderr(`layerloom: note: ${msg.message}\n`);
    else if (msg.type === 'failed') outcome.failure = failureLine(args.file, doc, msg.diagnostic);
  };
  const trainer = new Trainer(post, data, { backend: { wasmPaths: nodeWasmDir() } });
  // Weights imported with the model (the project's sidecar) are where training starts, when they fit.
  const initial = sidecarWeights(args.file, plan, io);
  if (initial) io.stderr(`layerloom: starting from the weights in the project's sidecar\n`);
  const start = startMessage(plan, config, doc, args);
  await trainer.handle(
    initial && start.type === 'start' ? { ...start, initialWeights: packWeightSet(initial) } : start,
  );
  if (outcome.failure !== null) throw new UserError(outcome.failure, 1);
  const r2 = outcome.last && 'testR2' in outcome.last ? outcome.last.testR2 : null;
  if (!args.json && r2 !== null) io.stdout(`${r2Line(r2)}\n`);
  return 0;
}

/** Loads the dataset (the source caches it for the run) and counts its training examples. */
async function trainCountOf(data: DataSource, doc: Doc): Promise<number> {
  try {
    return (await data.load(doc.dataset)).train.count;
  } catch (e) {
    throw new UserError(`dataset '${doc.dataset.id}' could not be loaded: ${(e as Error).message}`, 1);
  }
}

function startMessage(plan: ModelPlan, config: TrainingConfig, doc: Doc, args: TrainArgs): ToTrainer {
  return {
    type: 'start',
    runId: 'cli',
    plan: plan as unknown as Extract<ToTrainer, { type: 'start' }>['plan'],
    config,
    dataset: doc.dataset,
    limits: { maxExamples: args.limit, maxEpochs: null, maxSteps: null, maxTestExamples: null },
    backend: args.backend,
    // No per-layer statistics and no weights in checkpoints: nobody here would read them.
    options: {
      ...DEFAULT_START_OPTIONS,
      stats: { ...DEFAULT_START_OPTIONS.stats, enabled: false },
      checkpointData: false,
    },
  };
}

function failureLine(file: string, doc: Doc, d: { code: string; message: string; nodeId?: string }): string {
  const i = d.nodeId === undefined ? -1 : doc.layers.findIndex((l) => l.id === d.nodeId);
  const place = i < 0 ? '' : ` $.layers[${i}] (layer '${doc.layers[i]!.name}'):`;
  return `${file}:${place} training failed: ${d.message} [${d.code}]`;
}
