import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyze } from '../../src/analysis/analyze';
import type { Doc } from '../../src/graph/document';
import { ok } from '../../src/util/result';
import { useFitView } from '../canvas/use-arrange';
import { useStores } from '../state/stores';
import { ModalDialog } from './ModalDialog';
import { emptyNetwork, templatesFromModules, thumbnailOf } from './template-gallery';
import './TemplateGallery.css';

/** Every bundled template file, parsed JSON by path (bundled like the launch document). */
const TEMPLATE_MODULES: Readonly<Record<string, unknown>> = import.meta.glob(
  '../../assets/templates/*.json',
  {
    eager: true,
    import: 'default',
  },
);

const THUMB_WIDTH = 96;
const THUMB_HEIGHT = 120;

/** A network drawn from its saved positions; decorative (the card's text names it). */
function TemplateThumbnail({ doc }: { doc: Pick<Doc, 'layers' | 'edges'> }) {
  const th = useMemo(() => thumbnailOf(doc, THUMB_WIDTH, THUMB_HEIGHT), [doc]);
  return (
    <svg
      className="gallery__thumb"
      width={th.width}
      height={th.height}
      viewBox={`0 0 ${th.width} ${th.height}`}
      aria-hidden="true"
      focusable="false"
    >
      {th.wires.map((w) => (
        <line key={w.id} className="gallery__wire" x1={w.x1} y1={w.y1} x2={w.x2} y2={w.y2} />
      ))}
      {th.boxes.map((b) => (
        <rect
          key={b.id}
          x={b.x}
          y={b.y}
          width={b.width}
          height={b.height}
          rx={Math.min(2, b.height / 2)}
          style={{ fill: `var(--cat-${b.category}, var(--cat-unknown))` }}
        />
      ))}
    </svg>
  );
}

interface CardProps {
  title: string;
  description: string;
  /** Parameter count, or null to show none (the empty network). */
  params: number | null;
  doc: Pick<Doc, 'layers' | 'edges'>;
  onChoose(): void;
}

/** One template: a button named by its title and described by its description and size. */
function TemplateCard({ title, description, params, doc, onChoose }: CardProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <li>
      <button
        type="button"
        className="gallery__card"
        aria-labelledby={`${id}-title`}
        aria-describedby={params === null ? `${id}-desc` : `${id}-desc ${id}-params`}
        onClick={onChoose}
      >
        <TemplateThumbnail doc={doc} />
        <span className="gallery__text">
          <span id={`${id}-title`} className="gallery__title">
            {title}
          </span>
          <span id={`${id}-desc`} className="gallery__desc">
            {description}
          </span>
          {params !== null && (
            <span id={`${id}-params`} className="gallery__params">
              {t('ui.gallery.params', { count: params, formatted: params.toLocaleString(i18n.language) })}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}

/**
 * The modal "New from template" dialog. Choosing a card replaces the document as one
 * undoable edit (like New), so the current network is one Undo away.
 */
export function TemplateGallery({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const fit = useFitView();
  const templates = useMemo(
    () => templatesFromModules(TEMPLATE_MODULES).map((e) => ({ ...e, params: analyze(e.doc).totals.total })),
    [],
  );
  const empty = useMemo(
    () => emptyNetwork(stores.document.getState().doc, t('ui.toolbar.untitled')),
    [stores, t],
  );
  const choose = (doc: Doc, title: string, close: () => void): void => {
    stores.document.getState().apply(() => ok(doc));
    stores.session.getState().select({ nodes: [], edges: [] });
    stores.session.getState().notify('ui.gallery.created', { title });
    close();
    // The canvas gets the new nodes on the next render; fit them then.
    requestAnimationFrame(fit);
  };
  const emptyTitle = t('ui.gallery.emptyTitle');
  return (
    <ModalDialog
      title={t('ui.gallery.title')}
      className="gallery"
      titleClassName="gallery__heading"
      headClassName="gallery__head"
      closeLabel={t('ui.gallery.close')}
      onClose={onClose}
    >
      {(close) => (
        <>
          <p className="gallery__intro">{t('ui.gallery.intro')}</p>
          <ul className="gallery__list" aria-label={t('ui.gallery.list')}>
            <TemplateCard
              title={emptyTitle}
              description={t('ui.gallery.emptyDescription')}
              params={null}
              doc={empty}
              onChoose={() => choose(empty, emptyTitle, close)}
            />
            {templates.map(({ id, doc, params }) => {
              const title = t(`template.${id}.title`);
              return (
                <TemplateCard
                  key={id}
                  title={title}
                  description={t(`template.${id}.description`)}
                  params={params}
                  doc={doc}
                  onChoose={() => choose(doc, title, close)}
                />
              );
            })}
          </ul>
        </>
      )}
    </ModalDialog>
  );
}

/** The toolbar's "New from template…" button, which opens the gallery. */
export function NewFromTemplateButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        title={t('ui.gallery.openTitle')}
        onClick={() => setOpen(true)}
      >
        {t('ui.gallery.open')}
      </button>
      {open && <TemplateGallery onClose={() => setOpen(false)} />}
    </>
  );
}
