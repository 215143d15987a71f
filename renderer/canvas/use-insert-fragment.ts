import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { EXAMPLE_BLOCKS, insertFragment, type BlockFragment } from '../../src/graph/block-library';
import { newBlockId } from '../../src/graph/blocks';
import { lowestFreeId } from '../../src/graph/clipboard';
import type { Position } from '../../src/graph/document';
import { ok } from '../../src/util/result';
import { currentMyBlocks } from '../panels/my-blocks-storage';
import { useStores, type AppStores } from '../state/stores';
import { NODE_SIZE_GUESS, viewportCentre } from './drag-kind';
import { insertAfterCommand, noFragmentOutcome } from './fragment-wiring';

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

/** The one selected layer, when exactly one layer (and nothing else) is selected; else null. */
function soleSelectedLayer(stores: AppStores): string | null {
  const { nodes, edges } = stores.session.getState().selection;
  if (nodes.length !== 1 || edges.length !== 0) return null;
  return stores.document.getState().doc.layers.some((l) => l.id === nodes[0]) ? nodes[0]! : null;
}

/**
 * Inserts a block after the one selected layer, wired in (fragment-wiring.ts), in one
 * undo step; announces what was wired, or why it was left unwired.
 */
function useInsertAfter(): (frag: BlockFragment, anchor: string) => void {
  const stores = useStores();
  const { t, i18n } = useTranslation();
  const nameOf = useFragmentName();
  return useCallback(
    (frag, anchor) => {
      const docStore = stores.document.getState();
      const session = stores.session.getState();
      const name = nameOf(frag);
      const block = { id: newBlockId(docStore.doc), name };
      const height = session.measured[anchor]?.height ?? NODE_SIZE_GUESS.height;
      const out = noFragmentOutcome();
      const error = docStore.apply(insertAfterCommand(frag, block, anchor, height, lowestFreeId, out));
      if (error) return session.notify('ui.notice.commandRefused', { code: error.code }, 'error');
      const names = new Map(stores.document.getState().doc.layers.map((l) => [l.id, l.name]));
      const values = { name, count: out.ids.length, after: names.get(anchor) ?? anchor };
      session.select({ nodes: out.ids, edges: [] });
      if (out.refused) {
        const reason = t(`connect.${out.refused.code}`, out.refused.values);
        return session.notify('ui.myBlocks.notWired', { ...values, reason }, 'error');
      }
      if (out.rerouted.length === 0) return session.notify('ui.myBlocks.insertedAfter', values);
      const targets = new Intl.ListFormat(i18n.language).format(
        out.rerouted.map((id) => names.get(id) ?? id),
      );
      session.notify('ui.myBlocks.insertedBetween', { ...values, targets });
    },
    [stores, t, i18n, nameOf],
  );
}

/**
 * Inserts a block's layers in one undo step, grouped as an expanded block of the same
 * name, selected and announced. Without a drop position, when exactly one layer is
 * selected and the block takes an input, it goes after that layer, wired in; otherwise
 * it is centred on the drop position (or the viewport centre), unwired.
 */
export function useInsertFragment(): (frag: BlockFragment, at?: Position) => void {
  const stores = useStores();
  const flowStore = useStoreApi();
  const nameOf = useFragmentName();
  const insertAfter = useInsertAfter();
  return useCallback(
    (frag, at) => {
      const anchor = at || frag.entries.length === 0 ? null : soleSelectedLayer(stores);
      if (anchor) return insertAfter(frag, anchor);
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
    [stores, flowStore, nameOf, insertAfter],
  );
}
