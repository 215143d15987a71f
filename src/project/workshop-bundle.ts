import { strFromU8, strToU8 } from 'fflate';
import type { NamedTensor } from '../compiler/tfjs-weights';
import { err, ok, type Result } from '../util/result';
import { decodeBundle, encodeBundle, type BundleError, type BundleSection } from './bundle';
import { packValue, unpackValue } from './packed-value';
import { readWeightsSidecar, writeWeightsSidecar } from './weights-sidecar';

/**
 * A workshop bundle (`<project>.layerloom-bundle`): a project with what it needs to be
 * picked up elsewhere, in one bundle container (see bundle.ts). Sections:
 *
 * - `project.layerloom`: the project file's text (UTF-8), always present;
 * - `weights.json` + `weights.bin`: trained weights as a weights sidecar whose manifest
 *   names `weights.bin` (optional, both or neither);
 * - `dataset-<n>.json` + `dataset-<n>.bin`: imported datasets as packed values (packed-value.ts).
 */
export const BUNDLE_EXTENSION = 'layerloom-bundle';
const PROJECT = 'project.layerloom';
const WEIGHTS_JSON = 'weights.json';
const WEIGHTS_BIN = 'weights.bin';
const DATASET = /^dataset-(\d{1,3})\.(json|bin)$/;

/** What a workshop bundle holds (datasets as plain values with typed arrays; the caller checks their shape). */
export interface WorkshopContents {
  projectText: string;
  weights: { planHash: string; tensors: NamedTensor[] } | null;
  datasets: unknown[];
}

const utf8 = (text: string): Uint8Array => strToU8(text);

/** Writes a workshop bundle. Errors name the section that could not be written. */
export function encodeWorkshopBundle(contents: WorkshopContents): Result<Uint8Array, BundleError> {
  const sections: BundleSection[] = [{ name: PROJECT, bytes: utf8(contents.projectText) }];
  if (contents.weights) {
    const w = writeWeightsSidecar(contents.weights.planHash, contents.weights.tensors, WEIGHTS_BIN);
    sections.push({ name: WEIGHTS_JSON, bytes: utf8(w.json) }, { name: WEIGHTS_BIN, bytes: w.bin });
  }
  for (let i = 0; i < contents.datasets.length; i++) {
    const packed = packValue(contents.datasets[i]);
    if (!packed.ok) return err({ section: `dataset-${i}.json`, message: packed.error });
    sections.push(
      { name: `dataset-${i}.json`, bytes: utf8(packed.value.json) },
      { name: `dataset-${i}.bin`, bytes: packed.value.bin },
    );
  }
  return encodeBundle(sections);
}

function text(sections: Map<string, Uint8Array>, name: string): Result<string, BundleError> {
  try {
    return ok(strFromU8(sections.get(name)!));
  } catch {
    return err({ section: name, message: 'is not valid UTF-8 text' });
  }
}

/** The weights sections, both or neither. */
function readWeights(sections: Map<string, Uint8Array>): Result<WorkshopContents['weights'], BundleError> {
  const json = sections.get(WEIGHTS_JSON);
  const bin = sections.get(WEIGHTS_BIN);
  if (!json && !bin) return ok(null);
  if (!json || !bin) return err({ section: json ? WEIGHTS_BIN : WEIGHTS_JSON, message: 'is missing' });
  const jsonText = text(sections, WEIGHTS_JSON);
  if (!jsonText.ok) return jsonText;
  const r = readWeightsSidecar(jsonText.value, new Map([[WEIGHTS_BIN, bin]]));
  return r.ok ? ok(r.value) : err({ section: WEIGHTS_JSON, message: r.error });
}

/** The dataset sections, in order, each pair complete; unknown section names are refused. */
function readDatasets(sections: Map<string, Uint8Array>): Result<unknown[], BundleError> {
  const count = [...sections.keys()].filter((n) => DATASET.test(n) && n.endsWith('.json')).length;
  for (const name of sections.keys()) {
    const m = DATASET.exec(name);
    if (![PROJECT, WEIGHTS_JSON, WEIGHTS_BIN].includes(name) && !(m && Number(m[1]) < count))
      return err({ section: name, message: 'is not a section a workshop bundle has' });
  }
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const bin = sections.get(`dataset-${i}.bin`);
    if (!bin) return err({ section: `dataset-${i}.bin`, message: 'is missing' });
    const json = text(sections, `dataset-${i}.json`);
    if (!json.ok) return json;
    const value = unpackValue(json.value, bin);
    if (!value.ok) return err({ section: `dataset-${i}.json`, message: value.error });
    out.push(value.value);
  }
  return ok(out);
}

/** Reads a workshop bundle; errors name the section at fault ('header' for the container). */
export function decodeWorkshopBundle(bytes: Uint8Array): Result<WorkshopContents, BundleError> {
  const decoded = decodeBundle(bytes);
  if (!decoded.ok) return decoded;
  const sections = decoded.value;
  if (!sections.has(PROJECT)) return err({ section: PROJECT, message: 'is missing' });
  const projectText = text(sections, PROJECT);
  if (!projectText.ok) return projectText;
  const weights = readWeights(sections);
  if (!weights.ok) return weights;
  const datasets = readDatasets(sections);
  if (!datasets.ok) return datasets;
  return ok({ projectText: projectText.value, weights: weights.value, datasets: datasets.value });
}

/** The bundle's file name for a project file base name. */
export const bundleFileName = (base: string): string => `${base}.${BUNDLE_EXTENSION}`;
