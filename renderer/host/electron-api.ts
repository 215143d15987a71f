import {
  CHANNEL_METHODS,
  CHANNEL_NAMES,
  EVENT_METHODS,
  EVENT_NAMES,
  parseEvent,
  parseResponse,
  PATH_FOR_FILE_METHOD,
  type ChannelName,
  type LayerloomApi,
} from '../../src/ipc/channels';

type RawApi = Record<string, ((arg?: unknown) => unknown) | undefined>;

/**
 * The Electron preload API with every response and event payload checked against the IPC
 * contract, or null when the page runs in a plain browser (no `window.layerloom`, or one
 * missing a channel or an event).
 */
export function electronApi(scope: object = globalThis): LayerloomApi | null {
  const raw = (scope as { layerloom?: unknown }).layerloom;
  if (typeof raw !== 'object' || raw === null) return null;
  const api = raw as RawApi;
  const methods = [
    ...CHANNEL_NAMES.map((c) => CHANNEL_METHODS[c]),
    ...EVENT_NAMES.map((e) => EVENT_METHODS[e]),
  ];
  if (methods.some((method) => typeof api[method] !== 'function')) return null;
  const checked: Record<string, (arg?: unknown) => unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    const method = CHANNEL_METHODS[channel];
    const call = api[method] as (payload?: unknown) => Promise<unknown>;
    checked[method] = async (payload?: unknown) => checkedResponse(channel, await call(payload));
  }
  for (const event of EVENT_NAMES) {
    const subscribe = api[EVENT_METHODS[event]] as (listener: (payload: unknown) => void) => () => void;
    // A payload that breaks the contract is dropped (and logged), never handed to the app.
    checked[EVENT_METHODS[event]] = (listener?: unknown) =>
      subscribe((payload) => {
        const parsed = parseEvent(event, payload);
        if (parsed.ok) (listener as (p: unknown) => void)(parsed.value);
        else console.error(`${event}: dropped an event with a bad payload at ${parsed.error.path}`);
      });
  }
  // Absent from preloads before IPC version 6: imports then simply have no paths.
  const pathForFile = api[PATH_FOR_FILE_METHOD];
  if (typeof pathForFile === 'function') {
    checked[PATH_FOR_FILE_METHOD] = (file?: unknown) => {
      const p = pathForFile(file);
      return typeof p === 'string' ? p : '';
    };
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
