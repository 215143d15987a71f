import { z } from 'zod';
import type { ModelPlan } from '../compiler/plan';
import { err, ok, type Result } from '../util/result';

const dim = z.number().int().positive();

const planNodeSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.string().min(1),
  className: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
  inputs: z.array(z.string().min(1)).min(1),
  outputShape: z.array(dim.nullable()),
});

const modelPlanSchema = z.object({
  planVersion: z.literal(1),
  inputId: z.string().min(1),
  inputShape: z.array(dim).min(1),
  nodes: z.array(planNodeSchema).min(1),
  outputId: z.string().min(1),
  head: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('classification'), classes: dim }),
    z.object({ kind: z.literal('regression'), loss: z.enum(['mse', 'mae']), units: dim }),
  ]),
  params: z.object({
    trainable: z.number().int().nonnegative(),
    nonTrainable: z.number().int().nonnegative(),
  }),
});

/** Ids that appear twice, or inputs that name a node not defined earlier in the list. */
function orderProblem(plan: ModelPlan): string | null {
  const seen = new Set([plan.inputId]);
  for (const node of plan.nodes) {
    if (seen.has(node.id)) return `node id '${node.id}' appears twice`;
    const missing = node.inputs.find((id) => !seen.has(id));
    if (missing) return `node '${node.id}' reads '${missing}', which is not defined before it`;
    seen.add(node.id);
  }
  return seen.has(plan.outputId) ? null : `output node '${plan.outputId}' is not in the plan`;
}

/**
 * Checks a plan that crossed the worker boundary: its structure, then that the nodes
 * are in topological order. The compiler produced it, so a failure means a version
 * mismatch or a bug, reported as data rather than thrown.
 */
export function checkPlan(raw: unknown): Result<ModelPlan, string> {
  const r = modelPlanSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return err(`plan.${issue.path.join('.')}: ${issue.message}`);
  }
  const plan = r.data as ModelPlan;
  const problem = orderProblem(plan);
  return problem ? err(problem) : ok(plan);
}
