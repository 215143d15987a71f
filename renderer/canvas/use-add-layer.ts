import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { addLayer } from '../../src/graph/commands';
import type { Position } from '../../src/graph/document';
import { useStores } from '../state/stores';
import { freeSpot, NODE_SIZE_GUESS, viewportCentre } from './drag-kind';
import { newLayerId } from './ids';

/**
 * Adds a layer of `kind` centred on a flow position (the viewport centre when
 * none is given), selects it and announces it.
 */
export function useAddLayer(): (kind: string, at?: Position) => void {
  const stores = useStores();
  const flowStore = useStoreApi();
  const { t } = useTranslation();
  return useCallback(
    (kind, at) => {
      const { width, height, transform } = flowStore.getState();
      const centre = at ?? viewportCentre(width, height, transform);
      const docStore = stores.document.getState();
      const corner = { x: centre.x - NODE_SIZE_GUESS.width / 2, y: centre.y - NODE_SIZE_GUESS.height / 2 };
      // A drop goes exactly where the user let go; a keyboard add avoids covering a layer.
      const position = at ? corner : freeSpot(docStore.doc.layers, corner);
      const id = newLayerId(docStore.doc, kind);
      const error = docStore.apply((doc) => addLayer(doc, { id, kind, position }));
      const session = stores.session.getState();
      if (error) return session.notify('ui.notice.commandRefused', { code: error.code }, 'error');
      const name = stores.document.getState().doc.layers.find((l) => l.id === id)?.name ?? id;
      session.select({ nodes: [id], edges: [] });
      session.notify('ui.notice.added', { title: t(`layer.${kind}.title`), name });
    },
    [stores, flowStore, t],
  );
}

/** Converts a drop point on screen to flow coordinates. */
export function useScreenToFlow(): (point: { x: number; y: number }) => Position {
  const { screenToFlowPosition } = useReactFlow();
  return screenToFlowPosition;
}
