import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fragmentFromBlock } from '../../src/graph/block-library';
import { groupLayers, newBlockId, setBlockCollapsed, ungroupBlock } from '../../src/graph/blocks';
import { disconnectLayer, removeEdges, removeLayers } from '../../src/graph/commands';
import type { Position } from '../../src/graph/document';
import { specOf } from '../../src/layers/registry';
import {
  copySelection,
  cutSelection,
  duplicateSelection,
  pasteClipboard,
  selectAll,
} from '../state/edit-actions';
import { currentMyBlocks, saveMyBlock } from '../panels/my-blocks-storage';
import { newMyBlockId } from '../../src/graph/my-blocks';
import { useStores, type AppStores } from '../state/stores';
import { insertOnEdgeCommand, noOutcome, type InsertOutcome } from './insert-layer';
import { useAddLayer } from './use-add-layer';
import { useArrange, useFitView } from './use-arrange';

/** The layers an action on `id` applies to: the selection when `id` is in it, else `id` alone (then selected). */
function targetLayers(stores: AppStores, id: string): readonly string[] {
  const session = stores.session.getState();
  const sel = session.selection.nodes;
  if (sel.includes(id)) return sel;
  session.select({ nodes: [id], edges: [] });
  return [id];
}

const blockName = (stores: AppStores, id: string): string =>
  stores.document.getState().doc.blocks?.find((b) => b.id === id)?.name ?? id;

const nameOf = (stores: AppStores, id: string | null): string =>
  stores.document.getState().doc.layers.find((l) => l.id === id)?.name ?? String(id);

/** A kind that can sit inside a wire: it takes an input and gives an output. */
export const insertable = (kind: string): boolean => {
  const spec = specOf(kind);
  return !!spec && spec.hasOutput && spec.inputs.max > 0;
};

/**
 * What the canvas's context menus do. Each document change is one command (one undo
 * step) and is announced in the status region.
 */
export function useCanvasActions() {
  const stores = useStores();
  const { t } = useTranslation();
  const addLayer = useAddLayer();
  const arrange = useArrange();
  const fit = useFitView();
  return useMemo(() => {
    const session = () => stores.session.getState();
    const apply = stores.document.getState().apply;
    const refused = (code: string) => session().notify('ui.notice.commandRefused', { code }, 'error');
    /** Announces an insert's outcome. */
    const reportInsert = (out: InsertOutcome, kind: string, existing = false): void => {
      const name = nameOf(stores, out.id);
      if (out.id) session().select({ nodes: [out.id], edges: [] });
      if (out.refused) {
        const reason = t(`connect.${out.refused.code}`, out.refused.values);
        return session().notify(
          existing ? 'ui.notice.notSpliced' : 'ui.notice.notInserted',
          { name, reason },
          'error',
        );
      }
      session().notify('ui.notice.inserted', {
        title: t(`layer.${kind}.title`),
        name,
        source: nameOf(stores, out.source),
        target: nameOf(stores, out.target),
      });
    };
    return {
      rename(id: string) {
        session().select({ nodes: [id], edges: [] });
        session().focusInspector('name');
      },
      help(id: string) {
        session().select({ nodes: [id], edges: [] });
        session().focusInspector('help');
      },
      duplicate: (id: string) => (targetLayers(stores, id), duplicateSelection(stores)),
      copy: (id: string) => (targetLayers(stores, id), copySelection(stores)),
      cut: (id: string) => (targetLayers(stores, id), cutSelection(stores)),
      remove(id: string) {
        const ids = targetLayers(stores, id);
        const error = apply((d) => removeLayers(d, ids));
        if (error) return refused(error.code);
        session().select({ nodes: [], edges: [] });
        session().notify('ui.notice.deleted', { count: ids.length });
      },
      disconnect(id: string) {
        const error = apply((d) => disconnectLayer(d, id));
        if (error) return refused(error.code);
        session().notify('ui.notice.disconnected', { name: nameOf(stores, id) });
      },
      removeEdge(id: string) {
        const edge = stores.document.getState().doc.edges.find((e) => e.id === id);
        if (!edge || apply((d) => removeEdges(d, [id]))) return;
        session().select({ nodes: [], edges: [] });
        session().notify('ui.notice.edgeDeleted', {
          source: nameOf(stores, edge.source),
          target: nameOf(stores, edge.target),
        });
      },
      /** Inserts a new layer into a wire: at `at` (a drop), or in the target's place with the rest moved down. */
      insertOnEdge(edgeId: string, kind: string, at?: Position) {
        const out = noOutcome();
        const error = apply(insertOnEdgeCommand(edgeId, kind, out, at));
        if (error) return refused(error.code);
        reportInsert(out, kind);
      },
      reportInsert,
      /** Groups the selected layers (with `id`) into a new collapsed block named `name`. */
      group(id: string, name: string) {
        const ids = targetLayers(stores, id);
        const blockId = newBlockId(stores.document.getState().doc);
        const error = apply((d) => groupLayers(d, ids, { id: blockId, name }));
        if (error) return refused(error.code);
        session().select({ nodes: ids, edges: [] });
        session().notify('ui.block.grouped', { count: ids.length, name });
      },
      ungroup(blockId: string) {
        const name = blockName(stores, blockId);
        const error = apply((d) => ungroupBlock(d, blockId));
        if (error) return refused(error.code);
        session().notify('ui.block.ungrouped', { name });
      },
      setCollapsed(blockId: string, collapsed: boolean) {
        const error = apply((d) => setBlockCollapsed(d, blockId, collapsed));
        if (error) return refused(error.code);
        session().notify(collapsed ? 'ui.block.collapsed' : 'ui.block.expanded', {
          name: blockName(stores, blockId),
        });
      },
      /** Deletes a block's layers (and the block). */
      removeBlock(blockId: string) {
        const ids = stores.document
          .getState()
          .doc.layers.filter((l) => l.block === blockId)
          .map((l) => l.id);
        const error = apply((d) => {
          const r = removeLayers(d, ids);
          return r.ok ? ungroupBlock(r.value, blockId) : r;
        });
        if (error) return refused(error.code);
        session().select({ nodes: [], edges: [] });
        session().notify('ui.notice.deleted', { count: ids.length });
      },
      /** Saves a block's layers and internal wires to "My blocks" under `name`. */
      saveBlock(blockId: string, name: string) {
        const label = name.trim() || blockName(stores, blockId);
        const id = newMyBlockId(currentMyBlocks(), Date.now());
        const frag = fragmentFromBlock(stores.document.getState().doc, blockId, id, label);
        if (!frag) return refused('unknown-block');
        if (!saveMyBlock(frag)) return session().notify('ui.myBlocks.storeFailed', { name: label }, 'error');
        session().notify('ui.myBlocks.saved', { name: label });
      },
      addAt: (kind: string, at: Position) => addLayer(kind, at),
      paste: () => void pasteClipboard(stores),
      selectAll: () => selectAll(stores),
      arrange: () => void arrange(),
      fit,
    };
  }, [stores, t, addLayer, arrange, fit]);
}

/** The canvas actions (the hook's value). */
export type CanvasActions = ReturnType<typeof useCanvasActions>;
