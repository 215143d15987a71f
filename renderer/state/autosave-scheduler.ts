/** Time, injected so tests can drive the scheduler with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock of the page. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Timing of the backups. */
export interface AutosaveTiming {
  /** Save once edits pause this long. */
  quietMs: number;
  /** ...but never later than this after the first unsaved edit, even while edits continue. */
  maxWaitMs: number;
}

/** A backup within 2 s of the last edit: 500 ms after a pause, at most 1.5 s during a burst. */
export const AUTOSAVE_TIMING: AutosaveTiming = { quietMs: 500, maxWaitMs: 1500 };

/** Debounces edits into backup saves. */
export interface AutosaveScheduler {
  /** Records an edit: a save follows within the timing's bounds. */
  edited(): void;
  /** Saves now if an edit is pending (for example before the page goes away). */
  flush(): Promise<void>;
  /** Forgets the pending edit (the document was saved for real, or discarded). */
  cancel(): void;
  /** True while an edit has not been backed up yet. */
  readonly pending: boolean;
}

/**
 * A debounced scheduler with a maximum wait. One save runs at a time; edits made while a
 * save runs schedule another one afterwards. A failed save is reported and retried as if
 * the edit had just happened, so a full disk does not silently stop the backups.
 */
export function createAutosaveScheduler(
  save: () => Promise<void>,
  clock: Clock,
  timing: AutosaveTiming = AUTOSAVE_TIMING,
  onError: (error: unknown) => void = () => {},
): AutosaveScheduler {
  let firstEdit: number | null = null; // time of the oldest edit not yet saved
  let lastEdit = 0;
  let timer: unknown = null;
  let saving: Promise<void> | null = null;

  const clearTimer = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const schedule = () => {
    clearTimer();
    if (firstEdit === null || saving !== null) return;
    const due = Math.min(lastEdit + timing.quietMs, firstEdit + timing.maxWaitMs);
    timer = clock.setTimeout(() => void run(), Math.max(0, due - clock.now()));
  };
  const run = async (): Promise<void> => {
    clearTimer();
    if (firstEdit === null || saving !== null) return saving ?? undefined;
    firstEdit = null;
    saving = save().catch((error: unknown) => {
      onError(error);
      if (firstEdit === null) firstEdit = lastEdit = clock.now();
    });
    await saving;
    saving = null;
    schedule();
  };

  return {
    edited() {
      lastEdit = clock.now();
      firstEdit ??= lastEdit;
      schedule();
    },
    async flush() {
      if (saving !== null) await saving;
      await run();
    },
    cancel() {
      firstEdit = null;
      clearTimer();
    },
    get pending() {
      return firstEdit !== null;
    },
  };
}
