import { describe, expect, it } from 'vitest';
import {
  drawExport,
  exportLayout,
  type ExportContext,
  type ExportText,
} from '../../renderer/charts/chart-export';
import { legendOf } from '../../renderer/charts/PngButton';

/** A 2D context stand-in that records the text drawn, with the stroke colour at the time. */
function recorder() {
  const texts: { text: string; x: number; y: number }[] = [];
  const strokes: string[] = [];
  const images: { x: number; y: number; w: number; h: number }[] = [];
  let rotated = 0;
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'top',
    textAlign: 'left',
    fillRect: () => {},
    fillText: (text: string, x: number, y: number) => void texts.push({ text, x, y }),
    beginPath: () => {},
    moveTo: () => {},
    lineTo: () => {},
    stroke() {
      strokes.push(String(this.strokeStyle));
    },
    setLineDash: () => {},
    save: () => {},
    restore: () => {},
    translate: () => {},
    rotate: (a: number) => void (rotated += a),
    drawImage: (_i: unknown, x: number, y: number, w: number, h: number) => void images.push({ x, y, w, h }),
  };
  return { ctx: ctx as unknown as ExportContext, texts, strokes, images, rotated: () => rotated };
}

/** Every character 7 px wide. */
const measure = (s: string) => 7 * s.length;

const overlay: ExportText = {
  title: 'Training loss of the picked runs',
  legend: legendOf([
    { label: 'Run 1 · lr 0.1', stroke: '#1c7ed6', width: 2 },
    { label: 'Run 2 · lr 1', stroke: '#d9480f', width: 2 },
    { label: 'Run 2 · lr 1 (training mode)', stroke: '#d9480f', width: 2, dash: [6, 4] },
  ]),
  yLabel: 'Loss',
};

describe('exported chart images', () => {
  it('draw the title, each run in the legend with its colour, and the axis labels', () => {
    const layout = exportLayout({ ...overlay, xLabel: 'Step' }, { width: 600, height: 170 }, measure);
    const r = recorder();
    const canvas = {} as CanvasImageSource;
    drawExport(r.ctx, { ...overlay, xLabel: 'Step' }, layout, [{ image: canvas, width: 600, height: 170 }], {
      background: '#fff',
      text: '#111',
    });
    expect(r.texts.map((t) => t.text)).toEqual([
      'Training loss of the picked runs',
      'Run 1 · lr 0.1',
      'Run 2 · lr 1',
      'Run 2 · lr 1 (training mode)',
      'Step',
      'Loss',
    ]);
    expect(r.strokes).toEqual(['#1c7ed6', '#d9480f', '#d9480f']);
    expect(r.rotated()).toBeCloseTo(-Math.PI / 2); // the y label runs up the axis
    // The drawing sits under the legend, right of the y label, at its own size.
    const [img] = r.images;
    const legendBottom = Math.max(...layout.legend.map((e) => e.y));
    expect(img!.y).toBeGreaterThan(legendBottom);
    expect(img!.x).toBeGreaterThan(layout.yLabel!.x);
    expect([img!.w, img!.h]).toEqual([600, 170]);
    expect(layout.height).toBeGreaterThan(img!.y + 170); // the x label below it
  });

  it('wraps a long legend into rows inside the image width', () => {
    const legend = Array.from({ length: 12 }, (_, i) => ({ label: `layer ${i + 1}`, colour: '#333' }));
    const layout = exportLayout({ title: 'Gradients', legend }, { width: 300, height: 100 }, measure);
    expect(new Set(layout.legend.map((e) => e.y)).size).toBeGreaterThan(1);
    for (const e of layout.legend)
      expect(e.x + 16 + 5 + measure(e.entry.label)).toBeLessThanOrEqual(layout.width);
    expect(layout.plot.y).toBeGreaterThan(Math.max(...layout.legend.map((e) => e.y)));
  });

  it('leave band edges (series drawn without a line) out of the legend', () => {
    const entries = legendOf([
      { label: 'p0', stroke: '#aaa', width: 0 },
      { label: 'Median', stroke: '#000' },
      { label: 'Test accuracy', stroke: '#0a0', width: 0, points: true },
    ]);
    expect(entries.map((e) => e.label)).toEqual(['Median', 'Test accuracy']);
  });
});
