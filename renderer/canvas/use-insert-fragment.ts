import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { EXAMPLE_BLOCKS, insertFragment, type BlockFragment } from '../../src/graph/block-library';
import { newBlockId } from '../../src/graph/blocks';
import { lowestFreeId } from '../../src/graph/clipboard';
import type { Position } from '../../src/graph/document';
import { ok } from '../../src/util/result';
import { currentMyBlocks } from '../panels/my-blocks-storage';
import { useStores } from '../state/stores';
import { NODE_SIZE_GUESS, viewportCentre } from './drag-kind';

/** An example or saved block by id, or null. */
export function fragmentById(id: string): BlockFragment | null {
  return EXAMPLE_BLOCKS.find((b) => b.id === id) ?? currentMyBlocks().find((b) => b.id === id) ?? null;
}

/** The name a block shows: examples from the catalog (translated), saved ones as the user named them. */
export function useFragmentName(): (frag: BlockFragment) => string {
  const { t } = useTranslation();
  return useCallback(
    (frag) => (frag.id.startsWith('example-') ? t(`ui.myBlocks.examples.${frag.id}`) : frag.name),
    [t],
  );
}

/**
 * Inserts a block's layers centred on a flow position (the viewport centre when none is
 * given) in one undo step, grouped as an expanded block of the same name, selected and announced.
 */
export function useInsertFragment(): (frag: BlockFragment, at?: Position) => void {
  const stores = useStores();
  const flowStore = useStoreApi();
  const nameOf = useFragmentName();
  return useCallback(
    (frag, at) => {
      const { width, height, transform } = flowStore.getState();
      const point = at ?? viewportCentre(width, height, transform);
      const centre = { x: point.x - NODE_SIZE_GUESS.width / 2, y: point.y - NODE_SIZE_GUESS.height / 2 };
      const name = nameOf(frag);
      const docStore = stores.document.getState();
      const block = { id: newBlockId(docStore.doc), name };
      let ids: string[] = [];
      const error = docStore.apply((doc) => {
        const r = insertFragment(doc, frag, lowestFreeId, centre, block);
        if (!r.ok) return r;
        ids = r.value.ids;
        return ok(r.value.doc);
      });
      const session = stores.session.getState();
      if (error) return session.notify('ui.notice.commandRefused', { code: error.code }, 'error');
      session.select({ nodes: ids, edges: [] });
      session.notify('ui.myBlocks.inserted', { name, count: ids.length });
    },
    [stores, flowStore, nameOf],
  );
}
