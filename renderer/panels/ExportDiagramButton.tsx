import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContextMenu } from '../canvas/ContextMenu';
import { useExportDiagram } from '../canvas/use-export-diagram';

/** "Export diagram" in the toolbar: a menu button offering PNG and SVG. */
export function ExportDiagramButton() {
  const { t } = useTranslation();
  const exportAs = useExportDiagram();
  const button = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const open = (): void => {
    const r = button.current?.getBoundingClientRect();
    if (r) setAt({ x: r.left, y: r.bottom + 4 });
  };
  const close = (restore: boolean): void => {
    setAt(null);
    if (restore) button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        onClick={() => (at ? close(false) : open())}
      >
        {t('ui.exportDiagram.button')}
      </button>
      {at && (
        <ContextMenu
          label={t('ui.exportDiagram.menu')}
          x={at.x}
          y={at.y}
          onClose={close}
          anchor={button}
          entries={[
            { key: 'png', label: t('ui.exportDiagram.png'), onSelect: () => void exportAs('png') },
            { key: 'svg', label: t('ui.exportDiagram.svg'), onSelect: () => void exportAs('svg') },
          ]}
        />
      )}
    </>
  );
}
