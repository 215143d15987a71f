import type { BackendPick, ProbeResult } from '../../src/training/backend-pick';

/** A message-catalog key with its values. */
export interface Phrase {
  key: string;
  values?: Record<string, string>;
}

/** One probe result as a catalog phrase (skipped ones say why). */
function probePhrase(r: ProbeResult, formatRate: (n: number) => string): Phrase {
  if (r.kind === 'measured')
    return {
      key: 'ui.training.backendPick.rate',
      values: { backend: r.backend, speed: formatRate(r.examplesPerSec) },
    };
  return r.why === 'software'
    ? { key: 'ui.training.backendPick.software', values: { backend: r.backend, detail: r.detail } }
    : { key: 'ui.training.backendPick.unavailable', values: { backend: r.backend } };
}

/**
 * Why the run trains on its backend, as catalog phrases: the reason with the measured
 * rates (joined into `rates` by the caller's translation of each rate phrase), then
 * one phrase per skipped backend. Pure, so the Training panel only translates.
 */
export function pickPhrases(
  pick: BackendPick,
  formatRate: (n: number) => string,
): { reason: string; rates: Phrase[]; skipped: Phrase[] } {
  const rates = pick.probe.filter((r) => r.kind === 'measured').map((r) => probePhrase(r, formatRate));
  const skipped = pick.probe.filter((r) => r.kind === 'skipped').map((r) => probePhrase(r, formatRate));
  const reason =
    pick.why === 'only' && rates.length === 0
      ? 'ui.training.backendPick.onlyHere'
      : `ui.training.backendPick.${pick.why}`;
  return { reason, rates, skipped };
}

/** The whole explanation, translated with `t`: e.g. "fastest of wasm 1,850 ex/s, webgl 40 ex/s". */
export function pickText(
  pick: BackendPick,
  t: (key: string, values?: Record<string, string>) => string,
  formatRate: (n: number) => string,
): string {
  const p = pickPhrases(pick, formatRate);
  const rates = p.rates.map((r) => t(r.key, r.values)).join(', ');
  return [t(p.reason, { rates }), ...p.skipped.map((s) => t(s.key, s.values))].join('; ');
}
