import en from '../../assets/locales/en.json';
import { formatMessage, type MessageValues } from '../util/format';
import type { LayerStats, LayerStatsSnapshot } from './layer-stats';
import type { FindingCode } from './protocol';

/** What the health rules need to know about a layer besides its statistics. */
export interface LayerInfo {
  nodeId: string;
  /** The user's name for it (what messages show). */
  name: string;
  /** The function producing its output ('relu', 'sigmoid', 'tanh', ...); null for none. */
  activation: string | null;
  /** Trainable parameters. */
  paramCount: number;
  /** Keras momentum and epsilon of a batch-norm layer; null for other layers. */
  batchNorm: { momentum: number; epsilon: number } | null;
}

/** A health observation about one layer, with its English text. */
export interface Finding {
  nodeId: string;
  code: FindingCode;
  values: MessageValues;
  message: string;
}

/**
 * When a rule fires. A condition must hold at `persist` snapshots in a row (non-finite
 * values fire at once), and each layer gets each finding once per run.
 */
export const HEALTH_THRESHOLDS = {
  persist: 3,
  /** ReLU outputs that are exactly 0. */
  deadFraction: 0.9,
  /** Sigmoid/tanh outputs in the flat ends. */
  saturatedFraction: 0.5,
  /**
   * A layer's relative gradient ‖∂loss/∂W‖/‖W‖ below this share of the largest one among
   * the layers with kernels (batch norm's gamma and beta are left out: they learn slowly
   * by nature). Healthy LeNet-BN spreads by about 6×, sigmoid LeNet without BN by about
   * 30×; a factor of 100 is a clear case.
   */
  vanishingRatio: 1e-2,
  /** One step changes the weights by more than this share of their norm. */
  explodingUpdateRatio: 1,
  /** Mean distance of running from batch mean, in batch standard deviations. */
  bnDriftSigma: 1,
  /** BN drift is judged only after this many time constants 1/(1 − momentum) of the running averages. */
  bnSettleConstants: 3,
};
export type HealthThresholds = typeof HEALTH_THRESHOLDS;

const catalog = (en as unknown as { finding: Record<string, string> }).finding;

/** Renders a finding's English text from the catalog ('finding' section of en.json). */
export function findingMessage(code: FindingCode, values: MessageValues): string {
  const template = catalog[code];
  return template ? formatMessage(template, values) : code;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** A kernel layer's relative gradient ‖∂loss/∂W‖/‖W‖ (null for batch norm and layers without weights). */
const relativeGradient = (s: LayerStats, info: LayerInfo): number | null =>
  s.weightGradNorm === null || !s.weightNorm || info.paramCount === 0 || info.batchNorm
    ? null
    : s.weightGradNorm / s.weightNorm;

/** Mean over channels of |running mean − batch mean| / batch std. */
function bnDrift(s: LayerStats, eps: number): number {
  const bn = s.batchNorm!;
  let sum = 0;
  for (let c = 0; c < bn.batchMean.length; c++)
    sum += Math.abs(bn.runningMean[c]! - bn.batchMean[c]!) / Math.sqrt(bn.batchVar[c]! + eps);
  return sum / Math.max(1, bn.batchMean.length);
}

/** Whether a layer's figures are non-finite anywhere. */
const nonFinite = (s: LayerStats): boolean =>
  s.activation.nonFinite > 0 ||
  !Number.isFinite(s.outputGradNorm) ||
  (s.weightGradNorm !== null && !Number.isFinite(s.weightGradNorm));

type Rule = (s: LayerStats, info: LayerInfo, ctx: RuleContext) => MessageValues | null;
interface RuleContext {
  step: number;
  /** The largest relative gradient among the kernel layers of this snapshot. */
  maxRelative: number;
  t: HealthThresholds;
}

const RULES: readonly [FindingCode, Rule][] = [
  ['health/non-finite', (s) => (nonFinite(s) ? {} : null)],
  [
    'health/dead-relu',
    (s, info, { t }) =>
      info.activation === 'relu' && s.activation.zeroFraction >= t.deadFraction
        ? { pct: pct(s.activation.zeroFraction) }
        : null,
  ],
  [
    'health/saturated',
    (s, _i, { t }) =>
      s.saturated !== null && s.saturated >= t.saturatedFraction ? { pct: pct(s.saturated) } : null,
  ],
  [
    'health/vanishing-gradient',
    (s, info, { maxRelative, t }) => {
      const rel = relativeGradient(s, info);
      return rel !== null && maxRelative > 0 && rel < t.vanishingRatio * maxRelative
        ? { ratio: Number((maxRelative / Math.max(rel, Number.MIN_VALUE)).toPrecision(2)) }
        : null;
    },
  ],
  [
    'health/exploding-gradient',
    (s, _i, { t }) =>
      s.updateRatio !== null && s.updateRatio > t.explodingUpdateRatio ? { pct: pct(s.updateRatio) } : null,
  ],
  [
    'health/bn-drift',
    (s, info, { step, t }) => {
      if (!s.batchNorm || !info.batchNorm) return null;
      if (step < Math.round(t.bnSettleConstants / Math.max(1e-6, 1 - info.batchNorm.momentum))) return null;
      const d = bnDrift(s, info.batchNorm.epsilon);
      return d > t.bnDriftSigma ? { sigma: d.toFixed(1) } : null;
    },
  ],
];

/**
 * Turns per-layer statistics into findings, one snapshot at a time. Keeps, per layer
 * and code, how many snapshots in a row the condition held and whether it was reported.
 */
export class HealthMonitor {
  private readonly streaks = new Map<string, number>();
  private readonly reported = new Set<string>();
  private readonly infos: Map<string, LayerInfo>;

  constructor(
    layers: readonly LayerInfo[],
    private readonly thresholds: HealthThresholds = HEALTH_THRESHOLDS,
  ) {
    this.infos = new Map(layers.map((l) => [l.nodeId, l]));
  }

  /** The findings this snapshot newly establishes, in plan order. */
  observe(snapshot: LayerStatsSnapshot): Finding[] {
    const known = snapshot.layers.filter((s) => this.infos.has(s.nodeId));
    const rel = known.map((s) => relativeGradient(s, this.infos.get(s.nodeId)!) ?? 0).filter(Number.isFinite);
    const ctx: RuleContext = { step: snapshot.step, maxRelative: Math.max(0, ...rel), t: this.thresholds };
    const found: Finding[] = [];
    for (const s of known) {
      const info = this.infos.get(s.nodeId)!;
      for (const [code, rule] of RULES) {
        const values = rule(s, info, ctx);
        const f = this.track(info, code, values);
        if (f) found.push(f);
      }
    }
    return found;
  }

  /** Reports a non-finite layer found outside the statistics (a failed step); once per layer. */
  nonFinite(nodeId: string): Finding | null {
    const info = this.infos.get(nodeId);
    return info ? this.track(info, 'health/non-finite', {}, true) : null;
  }

  private track(
    info: LayerInfo,
    code: FindingCode,
    values: MessageValues | null,
    now = false,
  ): Finding | null {
    const key = `${info.nodeId}\u0000${code}`;
    if (values === null) {
      this.streaks.delete(key);
      return null;
    }
    const streak = (this.streaks.get(key) ?? 0) + 1;
    this.streaks.set(key, streak);
    const needed = now || code === 'health/non-finite' ? 1 : this.thresholds.persist;
    if (streak < needed || this.reported.has(key)) return null;
    this.reported.add(key);
    const all = { layer: info.name, ...values };
    return { nodeId: info.nodeId, code, values: all, message: findingMessage(code, all) };
  }
}
