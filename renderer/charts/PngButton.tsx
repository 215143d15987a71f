import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBlob } from '../panels/project-file';
import { chartFileName, chartPng, type ExportText, type LegendEntry } from './chart-export';
import type { ChartSeries } from './chart-options';

/** Opaque colours of an exported image, from the theme (a canvas cannot resolve CSS variables). */
function exportColours(el: Element): { background: string; text: string } {
  const css = getComputedStyle(el);
  return {
    background: css.getPropertyValue('--surface').trim() || '#ffffff',
    text: css.getPropertyValue('--text').trim() || '#1b1f27',
  };
}

/** The legend of a line chart's export: the series that draw a line or points (not band edges). */
export const legendOf = (series: readonly ChartSeries[]): LegendEntry[] =>
  series
    .filter((s) => s.width !== 0 || s.points || s.markers)
    .map((s) => ({ label: s.label, colour: s.stroke, dashed: (s.dash?.length ?? 0) > 0 }));

/** Props of a chart's PNG button. */
export interface PngButtonProps {
  /** The element holding the chart's drawing canvases. */
  root: RefObject<Element | null>;
  /** Title, legend and axis labels written into the image. */
  text: ExportText;
}

/** Downloads the chart as a PNG with its title, legend and axis labels. */
export function PngButton({ root, text }: PngButtonProps) {
  const { t } = useTranslation();
  const save = async (): Promise<void> => {
    const el = root.current;
    if (!el) return;
    const blob = await chartPng(el, text, exportColours(el));
    if (blob) downloadBlob(chartFileName(text.title, 'png'), blob);
  };
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={t('ui.chart.savePngLabel', { title: text.title })}
      onClick={() => void save()}
    >
      {t('ui.chart.savePng')}
    </button>
  );
}
