import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FromTrainer } from '../../src/training/protocol';
import { useLivePlane } from './use-live-plane';
import { fitExtent, fitPoints } from './fit-points';
import { drawAxes, drawPoints, prepareCanvas, toCanvas, type PlanePoints } from './plane-draw';

type FitMsg = Extract<FromTrainer, { type: 'fit' }>;

const WIDTH = 300;
const HEIGHT = 200;
/** The curve's colour (a canvas needs a concrete colour). */
const CURVE = '#d9480f';

/** Paints the data points, then the model's prediction curve over them. */
function paint(canvas: HTMLCanvasElement, msg: FitMsg, points: PlanePoints | null): void {
  const ctx = prepareCanvas(canvas, WIDTH, HEIGHT);
  const extent = fitExtent(points, msg);
  if (!ctx || !extent) return;
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  drawAxes(ctx, WIDTH, HEIGHT, extent);
  if (points) drawPoints(ctx, WIDTH, HEIGHT, { ...points, extent }, 1.8);
  const n = msg.predictions.length;
  ctx.strokeStyle = CURVE;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const x = msg.xMin + (n > 1 ? (i * (msg.xMax - msg.xMin)) / (n - 1) : 0);
    const [px, py] = toCanvas(extent, WIDTH, HEIGHT, x, msg.predictions[i]!);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.stroke();
}

/**
 * The fit view of a one-input regression set: the data as (input, target) points and the
 * model's prediction curve across the inputs, redrawn as the trainer sends new curves
 * (a few per second while training), like the decision boundary of a 2D classifier.
 */
export function FitView() {
  const { t } = useTranslation();
  const { shown, points } = useLivePlane('fit', fitPoints);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current && shown) paint(canvas.current, shown, points);
  }, [shown, points]);

  return (
    <section className="boundary fit-view" aria-labelledby="fit-title">
      <h3 id="fit-title" className="boundary__title">
        {t('ui.datasetPanel.fitTitle')}
      </h3>
      {shown ? (
        <figure className="boundary__figure">
          <canvas
            ref={canvas}
            className="plane-canvas"
            role="img"
            aria-label={t('ui.datasetPanel.fit', { step: shown.step, count: points?.count ?? 0 })}
            style={{ width: WIDTH, height: HEIGHT }}
          />
          <figcaption className="boundary__caption">
            {t('ui.datasetPanel.boundaryFigure', { step: shown.step, epoch: shown.epoch })}
          </figcaption>
        </figure>
      ) : (
        <p className="boundary__idle">{t('ui.datasetPanel.fitIdle')}</p>
      )}
    </section>
  );
}
