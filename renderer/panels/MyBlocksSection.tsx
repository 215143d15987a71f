import { useMemo, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXAMPLE_BLOCKS, type BlockFragment } from '../../src/graph/block-library';
import { BLOCK_FRAGMENT_MIME } from '../canvas/drag-kind';
import { useFragmentName, useInsertFragment } from '../canvas/use-insert-fragment';
import { useStores } from '../state/stores';
import { deleteMyBlock, useMyBlocks } from './my-blocks-storage';

/** Lower-cased, accent-free text for matching what the user types. */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

function MyBlockItem({ frag, name, saved }: { frag: BlockFragment; name: string; saved: boolean }) {
  const { t } = useTranslation();
  const stores = useStores();
  const insert = useInsertFragment();
  const descId = `palette-block-desc-${frag.id}`;
  const onDragStart = (e: DragEvent<HTMLButtonElement>): void => {
    e.dataTransfer.setData(BLOCK_FRAGMENT_MIME, frag.id);
    e.dataTransfer.effectAllowed = 'copy';
  };
  const onDelete = (): void => {
    const done = deleteMyBlock(frag.id);
    stores.session
      .getState()
      .notify(done ? 'ui.myBlocks.deleted' : 'ui.myBlocks.storeFailed', { name }, done ? 'info' : 'error');
  };
  const count = frag.clip.layers.length;
  return (
    <li className="palette__block-row">
      <button
        type="button"
        className="palette-item cat-block"
        draggable
        onDragStart={onDragStart}
        onClick={() => insert(frag)}
        aria-label={name}
        aria-describedby={descId}
      >
        <span className="palette-item__swatch" aria-hidden="true" />
        <span className="palette-item__text">
          <span className="palette-item__title">{name}</span>
          <span className="palette-item__desc" id={descId}>
            {t(saved ? 'ui.myBlocks.savedDesc' : 'ui.myBlocks.exampleDesc', { count })}
          </span>
        </span>
      </button>
      {saved && (
        <button
          type="button"
          className="palette__block-delete"
          onClick={onDelete}
          aria-label={t('ui.myBlocks.delete', { name })}
        >
          {t('ui.myBlocks.deleteShort')}
        </button>
      )}
    </li>
  );
}

/** The palette's "My blocks" section: the example blocks, then the user's saved ones, filtered by `query`. */
export function MyBlocksSection({ query }: { query: string }) {
  const { t } = useTranslation();
  const saved = useMyBlocks();
  const nameOf = useFragmentName();
  const items = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const all = [
      ...EXAMPLE_BLOCKS.map((frag) => ({ frag, saved: false })),
      ...saved.map((frag) => ({ frag, saved: true })),
    ].map((i) => ({ ...i, name: nameOf(i.frag) }));
    return all.filter((i) => words.every((w) => fold(`${i.name} ${t('ui.myBlocks.title')}`).includes(w)));
  }, [query, saved, nameOf, t]);
  if (items.length === 0) return null;
  return (
    <section className="palette__group" aria-labelledby="palette-cat-my-blocks">
      <h3 id="palette-cat-my-blocks" className="palette__heading">
        {t('ui.myBlocks.title')}
      </h3>
      <ul className="palette__list">
        {items.map((i) => (
          <MyBlockItem key={i.frag.id} frag={i.frag} name={i.name} saved={i.saved} />
        ))}
      </ul>
    </section>
  );
}
