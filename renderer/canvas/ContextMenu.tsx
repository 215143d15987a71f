import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { LayerPicker } from './LayerPicker';

/** A searchable list of layer kinds that an entry opens in place of the menu. */
export interface PickerSpec {
  label: string;
  allow: (kind: string) => boolean;
  onPick: (kind: string) => void;
}

/** A one-line text question an entry opens in place of the menu (a name for a new block). */
export interface PromptSpec {
  label: string;
  initial: string;
  onSubmit: (value: string) => void;
}

/** The panel shown in place of the items. */
type Panel = { kind: 'picker'; spec: PickerSpec } | { kind: 'prompt'; spec: PromptSpec };

/** A labelled text field; Enter submits (Escape is the menu's). */
function Prompt({ spec, onDone }: { spec: PromptSpec; onDone: (value: string) => void }) {
  const id = useId();
  return (
    <form
      className="context-menu__prompt"
      onSubmit={(e) => {
        e.preventDefault();
        const value = new FormData(e.currentTarget).get('value');
        onDone(typeof value === 'string' && value.trim() ? value.trim() : spec.initial);
      }}
    >
      <label htmlFor={id}>{spec.label}</label>
      <input
        id={id}
        name="value"
        defaultValue={spec.initial}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
      />
    </form>
  );
}

/** One menu entry. */
export interface MenuEntry {
  key: string;
  label: string;
  onSelect?: () => void;
  picker?: PickerSpec;
  prompt?: PromptSpec;
  disabled?: boolean;
  /** aria-keyshortcuts of the same command elsewhere; shown at the right. */
  keys?: string;
  /** Starts a new group: a separator line above the entry. */
  separated?: boolean;
}

/** How a shortcut is shown: `Control+Shift+L` as `Ctrl+Shift+L`. */
const shownKeys = (keys: string): string => keys.replace(/\bControl\b/g, 'Ctrl');

/** Moves focus among the menu's items: by a step (wrapping), to the first or last, or by first letter. */
function focusItem(menu: HTMLElement, how: number | 'first' | 'last' | string): void {
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  let next: number;
  if (how === 'first') next = 0;
  else if (how === 'last') next = items.length - 1;
  else if (typeof how === 'number') next = (at + how + items.length) % items.length;
  else {
    const order = [...items.slice(at + 1), ...items.slice(0, at + 1)];
    const hit = order.find((el) => el.textContent?.trim().toLowerCase().startsWith(how));
    next = hit ? items.indexOf(hit) : at;
  }
  items[next]?.focus();
}

const NAV_KEYS: Readonly<Record<string, number | 'first' | 'last'>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
};

/**
 * A context menu (role=menu): the first item takes focus, arrow keys, Home, End and
 * first letters move, Enter or Space activates, Escape or Tab closes. An entry with a
 * picker replaces the items by a searchable list of layer kinds. `onClose(true)` asks
 * the opener to take focus back.
 */
export function ContextMenu({
  label,
  x,
  y,
  entries,
  onClose,
  anchor,
}: {
  label: string;
  x: number;
  y: number;
  entries: readonly MenuEntry[];
  onClose: (restoreFocus: boolean) => void;
  /** The button that opened the menu: a press on it is not "outside" (it toggles the menu itself). */
  anchor?: RefObject<HTMLElement | null>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [pos, setPos] = useState({ x, y });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      x: Math.max(4, Math.min(x, window.innerWidth - r.width - 4)),
      y: Math.max(4, Math.min(y, window.innerHeight - r.height - 4)),
    });
    if (!panel) focusItem(el, 'first');
  }, [x, y, panel]);
  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      const at = e.target as Node;
      if (!ref.current?.contains(at) && !anchor?.current?.contains(at)) onClose(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [onClose, anchor]);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
      return;
    }
    if (panel) return;
    const nav = NAV_KEYS[e.key] ?? (/^\p{L}$/u.test(e.key) ? e.key.toLowerCase() : undefined);
    if (nav === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    focusItem(e.currentTarget as HTMLElement, nav);
  };
  const activate = (entry: MenuEntry): void => {
    if (entry.disabled) return;
    if (entry.picker) return setPanel({ kind: 'picker', spec: entry.picker });
    if (entry.prompt) return setPanel({ kind: 'prompt', spec: entry.prompt });
    onClose(true);
    entry.onSelect?.();
  };
  return (
    <div
      ref={ref}
      className="context-menu"
      style={{ left: pos.x, top: pos.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {panel?.kind === 'picker' ? (
        <LayerPicker
          label={panel.spec.label}
          allow={panel.spec.allow}
          onCancel={() => onClose(true)}
          onPick={(kind) => {
            onClose(true);
            panel.spec.onPick(kind);
          }}
        />
      ) : panel?.kind === 'prompt' ? (
        <Prompt
          spec={panel.spec}
          onDone={(value) => {
            onClose(true);
            panel.spec.onSubmit(value);
          }}
        />
      ) : (
        <div role="menu" aria-label={label} className="context-menu__items">
          {entries.map((entry) => [
            entry.separated && (
              <div key={`${entry.key}-sep`} role="separator" className="context-menu__sep" />
            ),
            <button
              key={entry.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="context-menu__item"
              aria-disabled={entry.disabled || undefined}
              aria-haspopup={entry.picker ? 'listbox' : entry.prompt ? 'dialog' : undefined}
              aria-keyshortcuts={entry.keys}
              onClick={() => activate(entry)}
            >
              <span className="context-menu__label">{entry.label}</span>
              {entry.keys && (
                <kbd className="context-menu__keys" aria-hidden="true">
                  {shownKeys(entry.keys)}
                </kbd>
              )}
            </button>,
          ])}
        </div>
      )}
    </div>
  );
}
