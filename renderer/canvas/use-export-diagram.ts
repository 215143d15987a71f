import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBlob, safeBaseName } from '../panels/project-file';
import { useStores } from '../state/stores';
import { diagramFromDoc, diagramSvg, type Diagram, type DiagramTheme } from './diagram-svg';

/** The picture formats of "Export diagram". */
export type DiagramFormat = 'png' | 'svg';

/** Pixels per flow unit of the PNG: sharp on slides and high-density screens. */
const PNG_SCALE = 2;

/** Reads a CSS custom property of the page (the current theme), with a fallback. */
function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function readTheme(): DiagramTheme {
  return {
    background: cssVar('--bg', '#ffffff'),
    surface: cssVar('--surface', '#ffffff'),
    border: cssVar('--border-strong', '#c3cad6'),
    text: cssVar('--text', '#1d2330'),
    muted: cssVar('--text-muted', '#5b6577'),
    edge: cssVar('--text-muted', '#5b6577'),
    font: cssVar('--font', 'system-ui, sans-serif'),
    mono: cssVar('--mono', 'monospace'),
  };
}

/** Draws the SVG onto a canvas at `scale` through an <img>, and encodes it as PNG. */
async function rasterize(d: Diagram, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([d.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(d.width * scale);
    canvas.height = Math.round(d.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * "Export diagram": draws the network from the document (positions, measured sizes,
 * shapes, the current theme's colours), cropped to the graph with a margin, and saves it
 * as SVG or PNG named after the project, through the same download path as Save.
 */
export function useExportDiagram(): (format: DiagramFormat) => Promise<void> {
  const stores = useStores();
  const { t, i18n } = useTranslation();
  return useCallback(
    async (format) => {
      const session = stores.session.getState();
      const { doc, analysis } = stores.document.getState();
      if (doc.layers.length === 0) return session.notify('ui.exportDiagram.empty', {}, 'error');
      const graph = diagramFromDoc(
        doc,
        analysis,
        session.measured,
        (kind) => t(`layer.${kind}.title`),
        (category) => cssVar(`--cat-${category}`, cssVar('--cat-unknown', '#adb5bd')),
        t('ui.node.noShape'),
        (count) => t('ui.node.params', { count, formatted: count.toLocaleString(i18n.language) }),
      );
      const drawing = diagramSvg(graph, readTheme(), doc.name);
      const file = `${safeBaseName(doc.name)}.${format}`;
      try {
        const blob =
          format === 'svg'
            ? new Blob([drawing.svg], { type: 'image/svg+xml' })
            : await rasterize(drawing, PNG_SCALE);
        downloadBlob(file, blob);
        session.notify('ui.exportDiagram.done', { file });
      } catch (e) {
        session.notify('ui.exportDiagram.failed', { message: (e as Error).message }, 'error');
      }
    },
    [stores, t, i18n],
  );
}
