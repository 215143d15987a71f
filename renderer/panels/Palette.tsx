import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYER_SPECS } from '../../src/layers/registry';
import type { LayerSpec } from '../../src/layers/spec';
import { LAYER_KIND_MIME } from '../canvas/drag-kind';
import { useAddLayer } from '../canvas/use-add-layer';

function PaletteItem({ spec, onAdd }: { spec: LayerSpec; onAdd: (kind: string) => void }) {
  const { t } = useTranslation();
  const descId = `palette-desc-${spec.kind}`;
  const onDragStart = (e: DragEvent<HTMLButtonElement>): void => {
    e.dataTransfer.setData(LAYER_KIND_MIME, spec.kind);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
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
    </li>
  );
}

/** The layer palette: every kind of the registry; drag onto the canvas, or click / Enter to add in the middle. */
export function Palette() {
  const { t } = useTranslation();
  const addLayer = useAddLayer();
  return (
    <aside className="palette panel" aria-labelledby="palette-title">
      <h2 id="palette-title" className="panel__title">
        {t('ui.palette.title')}
      </h2>
      <p className="panel__hint">{t('ui.palette.hint')}</p>
      <ul className="palette__list">
        {LAYER_SPECS.map((spec) => (
          <PaletteItem key={spec.kind} spec={spec} onAdd={(kind) => addLayer(kind)} />
        ))}
      </ul>
    </aside>
  );
}
