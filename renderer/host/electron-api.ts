import {
  CHANNEL_METHODS,
  CHANNEL_NAMES,
  parseResponse,
  type ChannelName,
  type LayerloomApi,
} from '../../src/ipc/channels';

type RawApi = Record<string, ((payload?: unknown) => Promise<unknown>) | undefined>;

/**
 * The Electron preload API with every response checked against the IPC contract, or null
 * when the page runs in a plain browser (no `window.layerloom`, or one missing a channel).
 */
export function electronApi(scope: object = globalThis): LayerloomApi | null {
  const raw = (scope as { layerloom?: unknown }).layerloom;
  if (typeof raw !== 'object' || raw === null) return null;
  const api = raw as RawApi;
  if (CHANNEL_NAMES.some((channel) => typeof api[CHANNEL_METHODS[channel]] !== 'function')) return null;
  const checked: Record<string, (payload?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    const method = CHANNEL_METHODS[channel];
    const call = api[method] as (payload?: unknown) => Promise<unknown>;
    checked[method] = async (payload?: unknown) => checkedResponse(channel, await call(payload));
  }
  return checked as unknown as LayerloomApi;
}

function checkedResponse(channel: ChannelName, value: unknown): unknown {
  const parsed = parseResponse(channel, value);
  if (!parsed.ok) {
    throw new Error(`${channel}: unexpected response at ${parsed.error.path}: ${parsed.error.message}`);
  }
  return parsed.value;
}
