import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FromTrainer } from '../../src/training/protocol';
import { metricText } from '../panels/runs-view';
import { useLivePlane } from './use-live-plane';
import { prepareCanvas, toCanvas } from './plane-draw';
import {
  surfacePixels,
  surfacePoints,
  surfaceSample,
  valueColor,
  valueRange,
  type SurfacePoints,
} from './surface-draw';

type SurfaceMsg = Extract<FromTrainer, { type: 'surface' }>;

const SIZE = 260;
/** Rows and columns of the "Show data" table: a readable sample of the grid. */
const TABLE_SIZE = 8;

/** Paints the surface (scaled smoothly from its resolution), then the points in their target's colour. */
function paint(
  canvas: HTMLCanvasElement,
  msg: SurfaceMsg,
  points: SurfacePoints | null,
  range: [number, number],
): void {
  const ctx = prepareCanvas(canvas, SIZE, SIZE);
  if (!ctx) return;
  const res = msg.resolution;
  const grid = document.createElement('canvas');
  grid.width = res;
  grid.height = res;
  const gctx = grid.getContext('2d');
  if (!gctx) return;
  gctx.putImageData(new ImageData(surfacePixels(msg.predictions, res, range), res, res), 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, 0, 0, SIZE, SIZE);
  if (!points) return;
  // A dark outline keeps a point visible on a surface of its own colour.
  ctx.lineWidth = 0.75;
  ctx.strokeStyle = 'rgba(30, 30, 30, 0.7)';
  for (let i = 0; i < points.count; i++) {
    const [px, py] = toCanvas(msg.extent, SIZE, SIZE, points.features[2 * i]!, points.features[2 * i + 1]!);
    const [r, g, b] = valueColor(points.targets[i]!, range[0], range[1]);
    ctx.beginPath();
    ctx.arc(px, py, 3, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fill();
    ctx.stroke();
  }
}

/**
 * The surface view of a two-input regression set: the model's prediction over the input
 * plane as a heat map, with the data on top coloured by target on the same scale, redrawn
 * as the trainer sends new grids (a few per second while training); "Show data" gives a
 * sample of the grid as a table.
 */
export function SurfaceView() {
  const { t } = useTranslation();
  const { shown, points } = useLivePlane('surface', surfacePoints);
  const [showData, setShowData] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const range = useMemo(
    () => (shown ? valueRange(shown.predictions, points?.targets ?? new Float32Array()) : null),
    [shown, points],
  );
  useEffect(() => {
    if (canvas.current && shown && range) paint(canvas.current, shown, points, range);
  }, [shown, points, range]);

  return (
    <section className="boundary surface-view" aria-labelledby="surface-title">
      <h3 id="surface-title" className="boundary__title">
        {t('ui.datasetPanel.surfaceTitle')}
      </h3>
      {shown && range ? (
        <>
          <figure className="boundary__figure">
            <canvas
              ref={canvas}
              className="plane-canvas"
              role="img"
              aria-label={t('ui.datasetPanel.surface', { step: shown.step, count: points?.count ?? 0 })}
              style={{ width: SIZE, height: SIZE }}
            />
            <figcaption className="boundary__caption">
              {t('ui.datasetPanel.boundaryFigure', { step: shown.step, epoch: shown.epoch })}
              {' · '}
              {t('ui.datasetPanel.surfaceLegend', {
                low: metricText(range[0]),
                mid: metricText((range[0] + range[1]) / 2),
                high: metricText(range[1]),
              })}
            </figcaption>
          </figure>
          <button
            type="button"
            className="button button--toggle button--small"
            aria-pressed={showData}
            onClick={() => setShowData((v) => !v)}
          >
            {t('ui.datasetPanel.surfaceShowData')}
          </button>
          {showData && <SurfaceTable msg={shown} />}
        </>
      ) : (
        <p className="boundary__idle">{t('ui.datasetPanel.surfaceIdle')}</p>
      )}
    </section>
  );
}

/** A sample of the latest surface: predicted values by x2 (rows, top first) and x1 (columns). */
function SurfaceTable({ msg }: { msg: SurfaceMsg }) {
  const { t } = useTranslation();
  const sample = surfaceSample(msg, TABLE_SIZE);
  const num = (v: number): string => v.toFixed(2);
  return (
    <div className="data-table__scroll">
      <table className="data-table">
        <caption>{t('ui.datasetPanel.surfaceTable', { size: sample.x1.length, step: msg.step })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.datasetPanel.surfaceCorner')}</th>
            {sample.x1.map((x, c) => (
              <th key={c} scope="col">
                {num(x)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.values.map((row, r) => (
            <tr key={r}>
              <th scope="row">{num(sample.x2[r]!)}</th>
              {row.map((v, c) => (
                <td key={c}>{metricText(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
