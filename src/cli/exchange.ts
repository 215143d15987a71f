import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../analysis/analyze';
import { exportKeras } from '../compiler/export-keras';
import { exportPyTorch } from '../compiler/export-pytorch';
import { exportTfjsCode } from '../compiler/export-tfjs-code';
import { importModelJson } from '../compiler/import-model-json';
import { importWeights, weightFilePaths } from '../compiler/import-weights';
import { compilePlan, type ModelPlan } from '../compiler/plan';
import { planHash } from '../compiler/plan-hash';
import type { NamedTensor } from '../compiler/tfjs-weights';
import type { Doc } from '../graph/document';
import { serializeProject } from '../project/serialize';
import { sidecarNames, writeWeightsSidecar } from '../project/weights-sidecar';
import { type CliIo, parseArgs, UserError } from './io';
import { loadProject } from './load';
import { diagnosticLine } from './place';
import { readManifestFiles, sidecarWeights } from './sidecar';

const FORMATS = ['pytorch', 'keras', 'tfjs-code', 'tfjs-model'] as const;
type Format = (typeof FORMATS)[number];

/** The app's version, as written into saved projects. */
function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function write(file: string, data: string | Uint8Array): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new UserError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** True for JSON that is a tfjs/Keras model (model.json or a bare topology), not a project. */
export function isModelJson(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    ('modelTopology' in json || 'class_name' in json || 'model_config' in json)
  );
}

/** Reads a model.json and imports it as a document; problems become one error naming each layer. */
export function loadModelJson(file: string, json?: unknown): { doc: Doc; warnings: string[]; json: unknown } {
  let value = json;
  if (value === undefined) {
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(
        `${file}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : `not valid JSON (${(e as Error).message})`}`,
      );
    }
  }
  const r = importModelJson(value);
  if (!r.ok) throw new UserError(r.error.map((p) => `${file}: ${p.message} [${p.code}]`).join('\n'), 1);
  return {
    doc: r.value.doc,
    warnings: r.value.warnings.map((w) => `${file}: warning: ${w.message} [${w.code}]`),
    json: value,
  };
}

/** A project file, or a model.json (detected by its `modelTopology`) imported on the fly. */
export function loadProjectOrModel(file: string, io: CliIo): Doc {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return loadProject(file); // reports the missing file or bad JSON in the project's terms
  }
  if (!isModelJson(json)) return loadProject(file);
  const { doc, warnings } = loadModelJson(file, json);
  for (const w of warnings) io.stderr(`layerloom: ${w}\n`);
  return doc;
}

function planOf(file: string, doc: Doc): ModelPlan {
  const r = compilePlan(doc, analyze(doc));
  if (!r.ok) throw new UserError(diagnosticLine(file, doc, r.error[0]!), 1);
  return r.value;
}

/** `layerloom export <project> --format pytorch|keras|tfjs-code|tfjs-model -o <path>`. */
export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(argv, { format: 'value', o: 'value', output: 'value' });
  if (positional.length !== 1) throw new UserError('export needs exactly one project file');
  const format = options.get('format');
  if (!FORMATS.includes(format as Format)) {
    throw new UserError(
      `option --format must be one of ${FORMATS.join(', ')}, got '${String(format ?? '')}'`,
    );
  }
  const out = options.get('o') ?? options.get('output');
  if (typeof out !== 'string') throw new UserError('export needs -o <path>');
  const file = positional[0]!;
  const doc = loadProjectOrModel(file, io);
  const plan = planOf(file, doc);
  switch (format as Format) {
    case 'pytorch':
      write(out, exportPyTorch(doc, plan));
      break;
    case 'keras':
      write(out, exportKeras(doc, plan));
      break;
    case 'tfjs-code':
      write(out, exportTfjsCode(doc, plan));
      break;
    case 'tfjs-model':
      return exportTfjsModel(file, doc, plan, out, io);
  }
  io.stderr(`layerloom: wrote ${out}\n`);
  return 0;
}

/** Writes a tfjs model.json and its weights: the project's sidecar weights when they fit, else fresh ones. */
async function exportTfjsModel(
  file: string,
  doc: Doc,
  plan: ModelPlan,
  out: string,
  io: CliIo,
): Promise<number> {
  const trained = sidecarWeights(file, plan, io);
  // tfjs is loaded only for this format: the other commands stay quick to start.
  const { setupBackend } = await import('../runtime/backend');
  const { exportModelJson } = await import('../runtime/export-model');
  await setupBackend('cpu');
  const weightsPath = `${path.basename(out).replace(/\.json$/i, '')}.weights.bin`;
  const weights = trained ? Object.fromEntries(trained.map((t) => [t.name, t.values])) : undefined;
  const exported = await exportModelJson(plan, { seed: doc.training.seed, weightsPath, weights });
  write(out, `${JSON.stringify(exported.modelJson)}\n`);
  write(path.join(path.dirname(out), weightsPath), new Uint8Array(exported.weightData));
  const source = trained
    ? `weights from ${sidecarNames(path.basename(file)).json}`
    : `fresh weights from seed ${doc.training.seed}`;
  io.stderr(`layerloom: wrote ${out} and ${weightsPath} (${source})\n`);
  return 0;
}

/** The weights a model.json's manifest names, read from next to it and mapped to the imported document. */
function modelWeights(file: string, json: unknown, doc: Doc): NamedTensor[] | null {
  const paths = weightFilePaths(json);
  if (paths.length === 0) return null;
  const r = importWeights(json, doc, readManifestFiles(file, paths));
  if (!r.ok) throw new UserError(`${file}: weights: ${r.error}`, 1);
  return r.value;
}

/**
 * `layerloom import <model.json> -o <project.layerloom>`. When the model.json has a weights
 * manifest, its .bin files (next to it) are imported too, into a sidecar
 * `<project>.weights.json` + `.weights.bin` tied to the compiled plan by its hash.
 */
export function importCommand(argv: readonly string[], io: CliIo): number {
  const { positional, options } = parseArgs(argv, { o: 'value', output: 'value' });
  if (positional.length !== 1) throw new UserError('import needs exactly one model.json file');
  const out = options.get('o') ?? options.get('output');
  if (typeof out !== 'string') throw new UserError('import needs -o <project.layerloom>');
  const file = positional[0]!;
  const { doc, warnings, json } = loadModelJson(file);
  for (const w of warnings) io.stderr(`layerloom: ${w}\n`);
  const weights = modelWeights(file, json, doc);
  write(out, serializeProject(doc, appVersion()));
  if (!weights) {
    io.stderr(`layerloom: wrote ${out} (${doc.layers.length} layers; the model.json has no weights)\n`);
    return 0;
  }
  const names = sidecarNames(path.basename(out));
  const sidecar = writeWeightsSidecar(planHash(planOf(out, doc)), weights, names.bin);
  write(path.join(path.dirname(out), names.json), sidecar.json);
  write(path.join(path.dirname(out), names.bin), sidecar.bin);
  io.stderr(
    `layerloom: wrote ${out} (${doc.layers.length} layers) and its weights in ${names.json} + ${names.bin}\n`,
  );
  return 0;
}
