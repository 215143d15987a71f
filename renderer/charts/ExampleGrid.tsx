import { useTranslation } from 'react-i18next';
import { GrayCanvas } from './gray-canvas';

/** Props: the evaluated images, their labels and predictions, which to show, and the chosen one. */
export interface ExampleGridProps {
  shape: readonly number[];
  pixels: Uint8Array;
  labels: ArrayLike<number>;
  predictions: ArrayLike<number>;
  names: readonly string[];
  /** Example indices in display order (misclassified first). */
  order: readonly number[];
  /** Examples whose prediction differs in the other mode. */
  changed: ReadonlySet<number>;
  chosen: number;
  onChoose(index: number): void;
}

/**
 * Test images with their predicted and true class: wrong ones framed in orange, ones
 * whose prediction changes between the modes marked with a dashed outline and "changed".
 * Each is a toggle button that picks the image for the feature maps.
 */
export function ExampleGrid(p: ExampleGridProps) {
  const { t } = useTranslation();
  const [h, w] = p.shape as [number, number];
  const size = h * w * (p.shape[2] ?? 1);
  return (
    <ul className="example-grid" aria-label={t('ui.evaluation.gridLabel')}>
      {p.order.map((i) => {
        const truth = p.names[p.labels[i]!] ?? String(p.labels[i]);
        const pred = p.names[p.predictions[i]!] ?? String(p.predictions[i]);
        const wrong = p.labels[i] !== p.predictions[i];
        const changed = p.changed.has(i);
        const label = t(wrong ? 'ui.evaluation.exampleWrong' : 'ui.evaluation.exampleRight', {
          n: i + 1,
          pred,
          truth,
        });
        const cls = `example-grid__item${wrong ? ' example-grid__item--wrong' : ''}${changed ? ' example-grid__item--changed' : ''}`;
        return (
          <li key={i} className={cls}>
            <button
              type="button"
              className="example-grid__button"
              aria-pressed={p.chosen === i}
              aria-label={changed ? `${label} ${t('ui.evaluation.changedMark')}` : label}
              onClick={() => p.onChoose(i)}
            >
              <GrayCanvas
                width={w}
                height={h}
                values={p.pixels.subarray(i * size, i * size + h * w)}
                size={56}
              />
              <span className="example-grid__pred">{pred}</span>
              {wrong && (
                <span className="example-grid__truth">{t('ui.evaluation.trueShort', { truth })}</span>
              )}
              {changed && <span className="example-grid__changed">{t('ui.evaluation.changedMark')}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
