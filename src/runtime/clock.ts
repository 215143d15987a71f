/** The host services the trainer needs from its environment; injectable so tests control time. */
export interface Clock {
  /** Milliseconds from an arbitrary origin. */
  now(): number;
  /** Resolves on a later macrotask, so queued messages (pause, stop, set-lr) are handled. */
  yieldToHost(): Promise<void>;
}

/** Host timer functions; the core is compiled without DOM or Node types, so they are declared here. */
interface HostTimers {
  setImmediate?: (fn: () => void) => unknown;
  setTimeout: (fn: () => void, ms: number) => unknown;
  MessageChannel?: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(v: unknown): void };
  };
  performance?: { now(): number };
}

/**
 * A clock on the host's own timers. setImmediate (Node) or a MessageChannel (browsers,
 * workers) yield without setTimeout's 4 ms clamp on nested timers; setTimeout is the fallback.
 */
export function createHostClock(): Clock {
  const host = globalThis as unknown as HostTimers;
  const now = host.performance ? () => host.performance!.now() : () => Date.now();
  if (host.setImmediate) {
    const setImmediate = host.setImmediate;
    return { now, yieldToHost: () => new Promise((r) => void setImmediate(r)) };
  }
  if (host.MessageChannel) {
    const channel = new host.MessageChannel();
    const waiting: Array<() => void> = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return {
      now,
      yieldToHost: () =>
        new Promise<void>((r) => {
          waiting.push(r);
          channel.port2.postMessage(0);
        }),
    };
  }
  return { now, yieldToHost: () => new Promise((r) => void host.setTimeout(r, 0)) };
}
