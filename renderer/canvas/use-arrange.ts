import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { moveLayers } from '../../src/graph/commands';
import { useStores } from '../state/stores';
import { elkLayout } from './auto-layout';

/** Fit options shared by the canvas, Arrange and "Fit to view". */
export const FIT_OPTIONS = { padding: 0.06, maxZoom: 1.1 } as const;

/** Zooms so the whole network is in view. */
export function useFitView(): () => void {
  const { fitView } = useReactFlow();
  return useCallback(() => void fitView({ ...FIT_OPTIONS, duration: 200 }), [fitView]);
}

/**
 * Arranges the network top to bottom with ELK as one undo step, then fits it in view.
 * Layers added or removed while ELK ran are left as they are.
 */
export function useArrange(): () => Promise<void> {
  const stores = useStores();
  const fit = useFitView();
  return useCallback(async () => {
    const { doc } = stores.document.getState();
    const laid = await elkLayout(doc, stores.session.getState().measured);
    const current = new Map(stores.document.getState().doc.layers.map((l) => [l.id, l.position]));
    const positions = new Map(
      [...laid].filter(([id, p]) => {
        const c = current.get(id);
        return c && (c.x !== p.x || c.y !== p.y);
      }),
    );
    if (positions.size > 0 && !stores.document.getState().apply((d) => moveLayers(d, positions))) {
      stores.session.getState().notify('ui.notice.arranged');
    }
    // Wait a frame so React Flow has the new positions before fitting.
    requestAnimationFrame(fit);
  }, [stores, fit]);
}
