import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FromTrainer } from '../../src/training/protocol';
import type { DatasetRef } from '../../src/graph/document';
import { previewPoints } from '../panels/dataset-options';
import type { ImportedData } from '../state/dataset-store';
import { useLivePlane } from './use-live-plane';
import { importedPoints } from './imported-points';
import { boundaryPixels, drawPoints, prepareCanvas, type PlanePoints } from './plane-draw';

type BoundaryMsg = Extract<FromTrainer, { type: 'boundary' }>;

const SIZE = 260;

/** Paints the latest grid (scaled smoothly from its resolution) and the data points over it. */
function paint(canvas: HTMLCanvasElement, msg: BoundaryMsg, points: PlanePoints | null): void {
  const ctx = prepareCanvas(canvas, SIZE, SIZE);
  if (!ctx) return;
  const { resolution: res, classes } = msg;
  const grid = document.createElement('canvas');
  grid.width = res;
  grid.height = res;
  const gctx = grid.getContext('2d');
  if (!gctx) return;
  gctx.putImageData(new ImageData(boundaryPixels(msg.probabilities, res, classes), res, res), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, 0, 0, SIZE, SIZE);
  // The trainer's extent covers every example, so the points are drawn in its frame.
  if (points) drawPoints(ctx, SIZE, SIZE, { ...points, extent: msg.extent }, 2.2);
}

/** The points drawn over the boundary: a toy set's generated points, or an import's prepared parts. */
function boundaryPoints(ref: DatasetRef, imported: ImportedData | undefined): PlanePoints | null {
  if (ref.kind === 'builtin') return previewPoints(ref);
  return imported ? importedPoints(imported) : null;
}

/**
 * The decision-boundary view of a 2D classification set: the model's predicted class
 * over the input plane as a heat map, with the data on top, redrawn as the trainer sends
 * new grids (a few per second while training).
 */
export function DecisionBoundary() {
  const { t } = useTranslation();
  const { shown, points } = useLivePlane('boundary', boundaryPoints);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current && shown) paint(canvas.current, shown, points);
  }, [shown, points]);

  return (
    <section className="boundary" aria-labelledby="boundary-title">
      <h3 id="boundary-title" className="boundary__title">
        {t('ui.datasetPanel.boundaryTitle')}
      </h3>
      {shown ? (
        <figure className="boundary__figure">
          <canvas
            ref={canvas}
            className="plane-canvas"
            role="img"
            aria-label={t('ui.datasetPanel.boundary', { step: shown.step, count: points?.count ?? 0 })}
            style={{ width: SIZE, height: SIZE }}
          />
          <figcaption className="boundary__caption">
            {t('ui.datasetPanel.boundaryFigure', { step: shown.step, epoch: shown.epoch })}
          </figcaption>
        </figure>
      ) : (
        <p className="boundary__idle">{t('ui.datasetPanel.boundaryIdle')}</p>
      )}
    </section>
  );
}
