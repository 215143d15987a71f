import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_SPECS } from '../../src/layers/registry';
import { paletteGroups } from '../panels/palette-groups';

/** Kinds offered first, most used first; the rest follow in registry order. */
const COMMON = ['conv2d', 'dense', 'activation', 'batch-norm', 'dropout', 'max-pool2d', 'flatten'];

/** Orders kinds with the common ones first (pure). */
export function commonFirst(kinds: readonly string[]): string[] {
  const rank = (k: string): number => (COMMON.includes(k) ? COMMON.indexOf(k) : COMMON.length);
  return kinds
    .map((k, i) => ({ k, i }))
    .sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i)
    .map((x) => x.k);
}

/**
 * A small searchable list of layer kinds (the combobox pattern: focus stays in the
 * search field, Up/Down move the active option, Enter picks it, Escape cancels).
 */
export function LayerPicker({
  label,
  allow,
  onPick,
  onCancel,
}: {
  label: string;
  /** Which kinds may be offered. */
  allow: (kind: string) => boolean;
  onPick: (kind: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const kinds = useMemo(() => {
    const specs = LAYER_SPECS.filter((s) => allow(s.kind));
    const found = paletteGroups(specs, query, (kind) => ({
      title: t(`layer.${kind}.title`),
      description: t(`layer.${kind}.description`),
    })).flatMap((g) => g.specs.map((s) => s.kind));
    return commonFirst(found);
  }, [allow, query, t]);
  const current = Math.min(active, kinds.length - 1);
  const optionId = (i: number): string => `${listId}-${i}`;
  const onKeyDown = (e: KeyboardEvent): void => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && kinds.length > 0) setActive((current + step + kinds.length) % kinds.length);
    else if (e.key === 'Enter' && kinds[current]) onPick(kinds[current]);
    else if (e.key === 'Escape') onCancel();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="layer-picker">
      <input
        type="search"
        className="layer-picker__search"
        role="combobox"
        aria-label={t('ui.menu.pickerSearch')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={kinds.length > 0 ? optionId(current) : undefined}
        placeholder={t('ui.menu.pickerSearch')}
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={label} className="layer-picker__list">
        {kinds.map((kind, i) => (
          <li
            key={kind}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={`layer-picker__option${i === current ? ' is-active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => setActive(i)}
            onClick={() => onPick(kind)}
          >
            {t(`layer.${kind}.title`)}
          </li>
        ))}
      </ul>
      {kinds.length === 0 && <p className="layer-picker__none">{t('ui.menu.pickerNone')}</p>}
    </div>
  );
}
