/** The parts of a window the close guard uses (a BrowserWindow in production, a fake in tests). */
export interface ClosableWindow {
  /** Asks the renderer whether it may close (sends `window:will-close`). */
  askRenderer(): void;
  /** Closes the window again; the guard lets this second close through. */
  close(): void;
}

/** Timers, injected so tests control time. */
export interface GuardTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The close handshake of one window. */
export interface CloseGuard {
  /** Call from the window's `close` event; returns true when the close must be prevented. */
  onClose(): boolean;
  /** The renderer's answer (`window:close-reply`). */
  onReply(proceed: boolean): void;
}

/** How long a renderer may take to answer before the window closes anyway (a hung page). */
export const CLOSE_REPLY_TIMEOUT_MS = 10_000;

/**
 * The main side of the will-close handshake. The first close is prevented and the renderer
 * asked; it answers after its own "unsaved changes" prompt. `proceed: true` closes the window,
 * `false` keeps it. A renderer that never answers (hung, crashed) does not trap the user: the
 * window closes after the timeout, and its autosave backup is still there to restore.
 */
export function createCloseGuard(
  window: ClosableWindow,
  timers: GuardTimers,
  timeoutMs = CLOSE_REPLY_TIMEOUT_MS,
): CloseGuard {
  let state: 'idle' | 'asking' | 'closing' = 'idle';
  let timer: unknown = null;
  const close = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    state = 'closing';
    window.close();
  };
  return {
    onClose() {
      if (state === 'closing') return false;
      if (state === 'idle') {
        state = 'asking';
        timer = timers.setTimeout(close, timeoutMs);
        window.askRenderer();
      }
      return true;
    },
    onReply(proceed) {
      if (state !== 'asking') return; // an answer nobody asked for changes nothing
      if (proceed) return close();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      state = 'idle';
    },
  };
}
