import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerKind, TrainingConfig } from '../graph/document';

/** The optimizer fields of a training config. */
export type OptimizerSettings = Pick<
  TrainingConfig,
  'optimizer' | 'momentum' | 'nesterov' | 'beta1' | 'beta2' | 'rho' | 'epsilon' | 'weightDecay'
>;

/** A step's new weights and optimizer state, computed but not yet written. */
export interface PendingUpdate {
  /** New value per variable (null: the variable had no gradient and stays). */
  weights: (tf.Tensor | null)[];
  /** New slot values per variable, in slotNames order. */
  slots: tf.Tensor[][];
}

/** One variable's update: its new value and new slots. */
interface RuleResult {
  weight: tf.Tensor;
  slots: tf.Tensor[];
}

type Rule = (
  w: tf.Tensor,
  g: tf.Tensor,
  slots: tf.Tensor[],
  lr: number,
  t: number,
  s: OptimizerSettings,
) => RuleResult;

/** The per-variable state each optimizer keeps (PyTorch's state names). */
export function slotNames(s: OptimizerSettings): string[] {
  switch (s.optimizer) {
    case 'sgd':
      return s.momentum > 0 ? ['momentum_buffer'] : [];
    case 'adam':
    case 'adamw':
      return ['exp_avg', 'exp_avg_sq'];
    case 'rmsprop':
      return s.momentum > 0 ? ['square_avg', 'momentum_buffer'] : ['square_avg'];
  }
}

/** Coupled weight decay (an L2 penalty's gradient): g + wd·w. */
const withL2 = (g: tf.Tensor, w: tf.Tensor, wd: number): tf.Tensor => (wd > 0 ? tf.add(g, tf.mul(w, wd)) : g);

/** torch.optim.SGD: momentum buffer b = μ·b + g; Nesterov uses g + μ·b; w −= lr·d. */
const sgd: Rule = (w, g0, slots, lr, _t, s) => {
  const g = withL2(g0, w, s.weightDecay);
  if (s.momentum <= 0) return { weight: tf.sub(w, tf.mul(g, lr)), slots: [] };
  const buf = tf.add(tf.mul(slots[0]!, s.momentum), g);
  const d = s.nesterov ? tf.add(g, tf.mul(buf, s.momentum)) : buf;
  return { weight: tf.sub(w, tf.mul(d, lr)), slots: [buf] };
};

/**
 * torch.optim.Adam / AdamW: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
 * w −= (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε). AdamW first shrinks w by (1 − lr·wd).
 */
const adam: Rule = (w0, g0, slots, lr, t, s) => {
  const decoupled = s.optimizer === 'adamw';
  const w = decoupled && s.weightDecay > 0 ? tf.mul(w0, 1 - lr * s.weightDecay) : w0;
  const g = decoupled ? g0 : withL2(g0, w0, s.weightDecay);
  const m = tf.add(tf.mul(slots[0]!, s.beta1), tf.mul(g, 1 - s.beta1));
  const v = tf.add(tf.mul(slots[1]!, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
  const bc1 = 1 - s.beta1 ** t;
  const bc2 = 1 - s.beta2 ** t;
  const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(bc2)), s.epsilon);
  return { weight: tf.sub(w, tf.mul(tf.div(m, denom), lr / bc1)), slots: [m, v] };
};

/** torch.optim.RMSprop: a = ρ·a + (1−ρ)·g²; d = g / (√a + ε) (through a momentum buffer when μ > 0); w −= lr·d. */
const rmsprop: Rule = (w, g0, slots, lr, _t, s) => {
  const g = withL2(g0, w, s.weightDecay);
  const sq = tf.add(tf.mul(slots[0]!, s.rho), tf.mul(tf.square(g), 1 - s.rho));
  const scaled = tf.div(g, tf.add(tf.sqrt(sq), s.epsilon));
  if (s.momentum <= 0) return { weight: tf.sub(w, tf.mul(scaled, lr)), slots: [sq] };
  const buf = tf.add(tf.mul(slots[1]!, s.momentum), scaled);
  return { weight: tf.sub(w, tf.mul(buf, lr)), slots: [sq, buf] };
};

const RULES: Readonly<Record<OptimizerKind, Rule>> = { sgd, adam, adamw: adam, rmsprop };

/**
 * Our optimizers, written out so that a step can be computed, checked and only then
 * committed (a diverging step never touches the weights), and so that their state can
 * be checkpointed. The update rules are PyTorch's (torch.optim), with weight decay
 * applied to every trainable variable. Slots are variables owned by this object.
 */
export class Optimizer {
  readonly kind: OptimizerKind;
  readonly slotNames: string[];
  /** Per variable, its slot variables (zeros at the start). */
  readonly slots: tf.Variable[][];
  /** Updates committed so far (t − 1 for the next one; Adam's bias correction uses t). */
  updates = 0;

  constructor(
    private readonly settings: OptimizerSettings,
    readonly variables: readonly tf.Variable[],
  ) {
    this.kind = settings.optimizer;
    this.slotNames = slotNames(settings);
    this.slots = variables.map((v) =>
      this.slotNames.map(() => tf.tidy(() => tf.variable(tf.zerosLike(v), false))),
    );
  }

  /**
   * Computes the next weights and slots from the gradients (aligned with `variables`;
   * undefined: no gradient) at learning rate `lr`, without writing anything. Returns
   * fresh tensors: call inside tf.tidy and return them, or dispose them.
   */
  propose(grads: readonly (tf.Tensor | undefined)[], lr: number): PendingUpdate {
    const rule = RULES[this.kind];
    const t = this.updates + 1;
    const out: PendingUpdate = { weights: [], slots: [] };
    this.variables.forEach((v, i) => {
      const g = grads[i];
      if (!g) {
        out.weights.push(null);
        out.slots.push(this.slots[i]!.map((s) => tf.clone(s)));
        return;
      }
      const r = rule(v, g, this.slots[i]!, lr, t, this.settings);
      out.weights.push(r.weight);
      out.slots.push(r.slots);
    });
    return out;
  }

  /** Writes a proposed update into the variables and slots, and counts it. Leaves `u` to its owner. */
  commit(u: PendingUpdate): void {
    this.variables.forEach((v, i) => {
      const w = u.weights[i];
      if (w) v.assign(w);
      this.slots[i]!.forEach((s, k) => s.assign(u.slots[i]![k]!));
    });
    this.updates++;
  }

  /** Frees the slot variables. */
  dispose(): void {
    for (const s of this.slots.flat()) s.dispose();
  }
}

/** Frees every tensor of a pending update. */
export function disposeUpdate(u: PendingUpdate): void {
  tf.dispose([...u.weights.filter((w): w is tf.Tensor => w !== null), ...u.slots.flat()]);
}
