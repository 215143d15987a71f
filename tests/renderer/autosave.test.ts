import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, type Doc } from '../../src/graph/document';
import type { BackupHost } from '../../renderer/host/backup-host';
import { createAutosaveScheduler, type Clock } from '../../renderer/state/autosave-scheduler';
import {
  createSavedStore,
  findRecovery,
  isDirty,
  startAutosave,
} from '../../renderer/state/autosave-session';
import { createDocumentStore } from '../../renderer/state/document-store';

/** A fake clock: timers fire when the test advances time. */
function fakeClock() {
  let now = 0;
  let id = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => (timers.set(++id, { at: now + ms, fn }), id),
    clearTimeout: (h) => void timers.delete(h as number),
  };
  /** Moves time forward, firing due timers in order, and lets promises settle. */
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = end;
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { clock, advance };
}

/** An in-memory backup host (what IndexedDB or the backup:* channels store). */
function fakeHost(previous: { running?: boolean; backup?: string } = {}) {
  const state = { running: previous.running ?? false, backup: previous.backup ?? null, writes: 0 } as {
    running: boolean;
    backup: string | null;
    writes: number;
  };
  const host: BackupHost = {
    write: async (text) => void ((state.backup = text), state.writes++),
    read: async () => state.backup,
    clear: async () => void (state.backup = null),
    beginSession: async () => {
      const unclean = state.running;
      state.running = true;
      return unclean;
    },
    endSession: async () => void (state.running = false),
    putCheckpoint: async () => {},
    getCheckpoint: async () => null,
    deleteCheckpoint: async () => {},
  };
  return { host, state };
}

describe('createAutosaveScheduler (injected clock)', () => {
  it('saves once, 500 ms after the last of a few quick edits', async () => {
    const { clock, advance } = fakeClock();
    const saves: number[] = [];
    const s = createAutosaveScheduler(async () => void saves.push(clock.now()), clock);
    s.edited();
    await advance(200);
    s.edited();
    await advance(200);
    s.edited();
    expect(s.pending).toBe(true);
    await advance(499);
    expect(saves).toEqual([]);
    await advance(1);
    expect(saves).toEqual([900]);
    expect(s.pending).toBe(false);
  });

  it('saves at most 1.5 s after the first edit while edits never pause, so always within 2 s', async () => {
    const { clock, advance } = fakeClock();
    const saves: number[] = [];
    const s = createAutosaveScheduler(async () => void saves.push(clock.now()), clock);
    for (let t = 0; t < 5000; t += 100) {
      s.edited();
      await advance(100);
    }
    await advance(2000);
    expect(saves[0]).toBe(1500);
    const gaps = saves.slice(1).map((t, i) => t - saves[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2000);
    expect(saves[saves.length - 1]! - 4900).toBeLessThanOrEqual(2000); // the last edit is saved too
  });

  it('runs one save at a time and saves edits made during a slow save afterwards', async () => {
    const { clock, advance } = fakeClock();
    const log: string[] = [];
    let running = 0;
    const s = createAutosaveScheduler(async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${clock.now()}`);
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 1000));
      log.push(`end ${clock.now()}`);
      running--;
    }, clock);
    s.edited();
    await advance(600); // the save starts at 500 and runs until 1500
    s.edited();
    await advance(3000);
    expect(log).toEqual(['start 500', 'end 1500', 'start 1500', 'end 2500']);
  });

  it('retries after a failed save and reports the error', async () => {
    const { clock, advance } = fakeClock();
    const errors: unknown[] = [];
    let attempts = 0;
    const s = createAutosaveScheduler(
      async () => {
        if (++attempts === 1) throw new Error('disk full');
      },
      clock,
      undefined,
      (e) => errors.push(e),
    );
    s.edited();
    await advance(3000);
    expect(attempts).toBe(2);
    expect(errors).toHaveLength(1);
    expect(s.pending).toBe(false);
  });

  it('flush saves a pending edit now; cancel forgets it', async () => {
    const { clock, advance } = fakeClock();
    let saves = 0;
    const s = createAutosaveScheduler(async () => void saves++, clock);
    s.edited();
    await s.flush();
    expect(saves).toBe(1);
    s.edited();
    s.cancel();
    await advance(5000);
    expect(saves).toBe(1);
  });
});

const doc = (name: string): Doc => ({
  name,
  layers: [],
  edges: [],
  training: DEFAULT_TRAINING,
  dataset: { kind: 'builtin', id: 'fashion-mnist' },
  runs: [],
});
const rename = (name: string) => (d: Doc) => ({ ok: true as const, value: { ...d, name } });

describe('startAutosave and findRecovery', () => {
  it('backs up edits, marks the document dirty, and clears the backup once saved', async () => {
    const { clock, advance } = fakeClock();
    const { host, state } = fakeHost();
    const first = doc('a');
    const document = createDocumentStore(first);
    const saved = createSavedStore(first);
    const auto = startAutosave({ document, saved, host, clock, serialize: (d) => d.name });
    expect(isDirty(document.getState().doc, saved.getState())).toBe(false);
    document.getState().apply(rename('b'));
    expect(isDirty(document.getState().doc, saved.getState())).toBe(true);
    await advance(2000);
    expect(state.backup).toBe('b');
    saved.getState().markSaved(document.getState().doc, '/p/b.layerloom');
    await advance(0);
    expect(state.backup).toBeNull();
    expect(saved.getState().filePath).toBe('/p/b.layerloom');
    auto.stop();
    document.getState().apply(rename('c'));
    await advance(5000);
    expect(state.writes).toBe(1);
  });

  it('leaves no backup when the document is saved while a backup is being written', async () => {
    const { clock, advance } = fakeClock();
    const { host, state } = fakeHost();
    let finishWrite: () => void = () => {};
    // A slow backup write (IndexedDB, IPC): it lands after the save's own clear.
    host.write = (text) =>
      new Promise<void>((resolve) => {
        finishWrite = () => {
          state.backup = text;
          resolve();
        };
      });
    const first = doc('a');
    const document = createDocumentStore(first);
    const saved = createSavedStore(first);
    const auto = startAutosave({ document, saved, host, clock, serialize: (d) => d.name });
    document.getState().apply(rename('b'));
    await advance(600);
    saved.getState().markSaved(document.getState().doc);
    await advance(0);
    finishWrite();
    await advance(0);
    expect(state.backup).toBeNull();
    auto.stop();
  });

  it('offers the backup only after an unclean exit, and drops a stale one', async () => {
    const crashed = fakeHost({ running: true, backup: 'work' });
    expect(await findRecovery(crashed.host)).toBe('work');
    const clean = fakeHost({ running: false, backup: 'left on purpose' });
    expect(await findRecovery(clean.host)).toBeNull();
    expect(clean.state.backup).toBeNull();
    const nothing = fakeHost({ running: true });
    expect(await findRecovery(nothing.host)).toBeNull();
    expect(nothing.state.running).toBe(true);
  });
});
