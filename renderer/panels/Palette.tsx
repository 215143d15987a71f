import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_SPECS } from '../../src/layers/registry';
import type { LayerSpec } from '../../src/layers/spec';
import { LAYER_KIND_MIME } from '../canvas/drag-kind';
import { useAddLayer } from '../canvas/use-add-layer';
import { MyBlocksSection } from './MyBlocksSection';
import { PaletteHelp } from './PaletteHelp';
import { paletteGroups, type PaletteGroup } from './palette-groups';

function PaletteItem({ spec, onAdd }: { spec: LayerSpec; onAdd: (kind: string) => void }) {
  const { t } = useTranslation();
  const descId = `palette-desc-${spec.kind}`;
  const onDragStart = (e: DragEvent<HTMLButtonElement>): void => {
    e.dataTransfer.setData(LAYER_KIND_MIME, spec.kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li className="palette__row">
      <button
        type="button"
        className={`palette-item cat-${spec.category}`}
        draggable
        onDragStart={onDragStart}
        onClick={() => onAdd(spec.kind)}
        aria-label={t(`layer.${spec.kind}.title`)}
        aria-describedby={descId}
      >
        <span className="palette-item__swatch" aria-hidden="true" />
        <span className="palette-item__text">
          <span className="palette-item__title">{t(`layer.${spec.kind}.title`)}</span>
          <span className="palette-item__desc" id={descId}>
            {t(`layer.${spec.kind}.description`)}
          </span>
        </span>
      </button>
      <PaletteHelp kind={spec.kind} />
    </li>
  );
}

function PaletteSection({ group, onAdd }: { group: PaletteGroup; onAdd: (kind: string) => void }) {
  const { t } = useTranslation();
  const headingId = `palette-cat-${group.category}`;
  return (
    <section className="palette__group" aria-labelledby={headingId}>
      <h3 id={headingId} className="palette__heading">
        {t(`category.${group.category}`)}
      </h3>
      <ul className="palette__list">
        {group.specs.map((spec) => (
          <PaletteItem key={spec.kind} spec={spec} onAdd={onAdd} />
        ))}
      </ul>
    </section>
  );
}

/**
 * The layer palette: every kind of the registry grouped by category, filtered by a
 * search box; drag an item onto the canvas, or click / Enter to add it in the middle.
 */
export function Palette() {
  const { t } = useTranslation();
  const addLayer = useAddLayer();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () =>
      paletteGroups(LAYER_SPECS, query, (kind) => ({
        title: t(`layer.${kind}.title`),
        description: t(`layer.${kind}.description`),
      })),
    [query, t],
  );
  const onAdd = (kind: string): void => addLayer(kind);
  return (
    <aside className="palette panel" aria-labelledby="palette-title">
      <h2 id="palette-title" className="panel__title">
        {t('ui.palette.title')}
      </h2>
      <input
        type="search"
        className="palette__search"
        aria-label={t('ui.palette.search')}
        placeholder={t('ui.palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="panel__hint">{t('ui.palette.hint')}</p>
      {groups.length === 0 ? (
        <p className="panel__empty" role="status">
          {t('ui.palette.noMatch', { query })}
        </p>
      ) : (
        groups.map((g) => <PaletteSection key={g.category} group={g} onAdd={onAdd} />)
      )}
      <MyBlocksSection query={query} />
    </aside>
  );
}
