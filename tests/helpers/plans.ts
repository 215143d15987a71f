import { readFileSync } from 'node:fs';
import { compilePlan, type ModelPlan } from '../../src/compiler/plan';
import type { Doc } from '../../src/graph/document';
import { parseProject } from '../../src/project/parse';

/** A template's document, parsed like a file the user opened. */
export function loadTemplate(id: string): Doc {
  const text = readFileSync(new URL(`../../assets/templates/${id}.json`, import.meta.url), 'utf8');
  const r = parseProject(text);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.error)}`);
  return r.value.doc;
}

/** A template compiled to its plan. */
export function templatePlan(id: string): { doc: Doc; plan: ModelPlan } {
  const doc = loadTemplate(id);
  const plan = compilePlan(doc);
  if (!plan.ok) throw new Error(`${id}: ${JSON.stringify(plan.error)}`);
  return { doc, plan: plan.value };
}
