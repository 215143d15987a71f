import { z } from 'zod';

/** A rectangle in screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** What the shell remembers between sessions (userData/app-state.json). */
const appStateSchema = z.object({
  bounds: rect.nullable().catch(null),
  maximized: z.boolean().catch(false),
  recent: z.array(z.string().min(1).max(4096)).max(50).catch([]),
});

/** The remembered state of the shell. */
export type AppState = z.infer<typeof appStateSchema>;

/** The state of a first start. */
export const DEFAULT_APP_STATE: AppState = { bounds: null, maximized: false, recent: [] };

/** Most recent files kept. */
export const MAX_RECENT = 10;

/** Reads the state file's text; anything missing or broken falls back to the defaults. */
export function parseAppState(text: string | null): AppState {
  if (text === null) return DEFAULT_APP_STATE;
  try {
    const parsed = appStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_APP_STATE;
  } catch {
    return DEFAULT_APP_STATE;
  }
}

/** Puts `file` first in the recent list (once), keeping at most MAX_RECENT entries. */
export function addRecent(recent: readonly string[], file: string): string[] {
  return [file, ...recent.filter((f) => f !== file)].slice(0, MAX_RECENT);
}

/** Area of the overlap of two rectangles. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A window must keep this much of itself on a display to be placed where it was. */
const MIN_VISIBLE = { width: 200, height: 100 };

/**
 * Where to open the window: the remembered bounds when enough of them lies on a current
 * display's work area (a monitor may have been unplugged since), shrunk to fit that display;
 * otherwise the default size, centred by the OS (no x/y).
 */
export function restoreBounds(
  saved: Rect | null,
  workAreas: readonly Rect[],
  fallback: { width: number; height: number },
): { x?: number; y?: number; width: number; height: number } {
  if (saved === null) return { ...fallback };
  const best = [...workAreas].sort((a, b) => overlap(saved, b) - overlap(saved, a))[0];
  if (!best) return { ...fallback };
  const visibleW = Math.min(saved.x + saved.width, best.x + best.width) - Math.max(saved.x, best.x);
  const visibleH = Math.min(saved.y + saved.height, best.y + best.height) - Math.max(saved.y, best.y);
  if (visibleW < MIN_VISIBLE.width || visibleH < MIN_VISIBLE.height) {
    return { width: Math.min(fallback.width, best.width), height: Math.min(fallback.height, best.height) };
  }
  const width = Math.min(saved.width, best.width);
  const height = Math.min(saved.height, best.height);
  // Pull the window fully onto the display it mostly lies on.
  const x = Math.min(Math.max(saved.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(saved.y, best.y), best.y + best.height - height);
  return { x, y, width, height };
}
