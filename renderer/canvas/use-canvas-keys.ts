import { useReactFlow } from '@xyflow/react';
import { useMemo, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../state/stores';
import { isTextEntry } from '../state/use-shortcuts';
import type { MenuState } from './CanvasMenu';
import { connectCommand } from './flow-changes';
import { inputHandle } from './flow-nodes';
import { setBlockCollapsed } from '../../src/graph/blocks';
import { blockOfNodeId, tabStops, visibleCentres, visibleNodeOf, type TabStop } from './block-view';
import {
  arrowDirection,
  connectTargets,
  cycleTarget,
  nearestInDirection,
  pickInDirection,
} from './keyboard-nav';

/** The layer id of a canvas node element (or of the node an element is in), else null. */
const nodeIdOf = (el: Element | null): string | null =>
  el?.closest('.react-flow__node')?.getAttribute('data-id') ?? null;
/** The wire id of a canvas edge element, else null. */
const edgeIdOf = (el: Element | null): string | null =>
  el?.closest('.react-flow__edge')?.getAttribute('data-id') ?? null;

/** The element of a Tab stop: a node or a wire. */
const stopSelector = (s: TabStop): string => `.react-flow__${s.kind}[data-id="${CSS.escape(s.id)}"]`;

/** Elements Tab can reach. */
const TABBABLE = 'button:not([disabled]), [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** True for the keys that open a context menu from the keyboard. */
const isMenuKey = (e: KeyboardEvent): boolean => e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');

/**
 * The canvas's keyboard: arrow keys move focus to the nearest layer in that direction
 * (Alt+arrows still move selected layers), Enter opens the focused layer in the Inspector,
 * C starts connecting from it, and the ContextMenu key or Shift+F10 opens the menu of the
 * focused layer, wire or the canvas. On a focused wire, Delete or Backspace deletes it and
 * Up or Down moves to its source or target. In connect mode arrows and Tab pick among the
 * valid targets (a refused one is announced with the rule's reason), Enter connects,
 * Escape cancels.
 */
export function useCanvasKeys(
  root: RefObject<HTMLElement | null>,
  openMenu: (menu: MenuState) => void,
  removeEdge: (id: string) => void,
) {
  const stores = useStores();
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();
  return useMemo(() => {
    const session = () => stores.session.getState();
    const docState = () => stores.document.getState();
    const focusStop = (stop: TabStop): void =>
      root.current?.querySelector<HTMLElement | SVGElement>(stopSelector(stop))?.focus();
    const focusNode = (id: string): void => focusStop({ kind: 'node', id });
    const label = (id: string): { title: string; name: string } => {
      const l = docState().doc.layers.find((x) => x.id === id);
      return { title: l ? t(`layer.${l.kind}.title`) : '', name: l?.name ?? id };
    };
    const centres = () => visibleCentres(docState().doc, session().measured);
    /** Connect targets among the layers on screen (not inside a collapsed block). */
    const targetsFrom = (source: string) => {
      const shown = centres();
      return connectTargets(docState().doc, source).filter((x) => shown.has(x.id));
    };

    const pick = (target: string, skipped?: { id: string; reason: string }): void => {
      const c = session().connecting;
      if (!c) return;
      session().setConnecting({ ...c, target });
      focusNode(target);
      if (skipped) {
        session().notify('ui.connect.skippedTarget', {
          skipped: label(skipped.id).name,
          reason: skipped.reason,
          ...label(target),
        });
      } else session().notify('ui.connect.target', label(target));
    };

    const startConnect = (source: string): void => {
      const targets = targetsFrom(source);
      const valid = targets.filter((x) => !x.rejection);
      if (valid.length === 0)
        return session().notify('ui.connect.none', { name: label(source).name }, 'error');
      const from = centres().get(source);
      const below = from ? pickInDirection(from, targets, centres(), 'down').target : null;
      const first = below ?? valid[0]!.id;
      session().setConnecting({ source, target: first });
      focusNode(first);
      session().notify('ui.connect.started', { name: label(source).name, count: valid.length });
    };

    const finishConnect = (): void => {
      const c = session().connecting;
      if (!c?.target) return;
      const target = connectTargets(docState().doc, c.source).find((x) => x.id === c.target);
      const error = docState().apply(
        connectCommand({ source: c.source, target: c.target, targetHandle: inputHandle(target?.port ?? 0) }),
      );
      session().setConnecting(null);
      if (error)
        return session().notify(
          'ui.connect.refused',
          { reason: t(`connect.${error.code}`, error.values) },
          'error',
        );
      session().notify('ui.connect.done', { source: label(c.source).name, target: label(c.target).name });
    };

    /** Keys while connecting; true when handled. */
    const connectKey = (e: KeyboardEvent): boolean => {
      const c = session().connecting;
      if (!c) return false;
      if (e.key === 'Escape') {
        session().setConnecting(null);
        focusNode(c.source);
        session().notify('ui.connect.cancelled');
        return true;
      }
      if (e.key === 'Enter') return (finishConnect(), true);
      const targets = targetsFrom(c.source);
      if (e.key === 'Tab') {
        const next = cycleTarget(targets, c.target, e.shiftKey);
        if (next) pick(next);
        return true;
      }
      const dir = arrowDirection(e.key);
      if (!dir) return false;
      const all = centres();
      const from = all.get(c.target ?? c.source);
      if (!from) return true;
      const { target, skipped } = pickInDirection(from, targets, all, dir);
      const reason = skipped?.rejection
        ? t(`connect.${skipped.rejection.reason}`, skipped.rejection.values)
        : '';
      if (target) pick(target, skipped ? { id: skipped.id, reason } : undefined);
      else if (skipped)
        session().notify('ui.connect.skipped', { name: label(skipped.id).name, reason }, 'error');
      else session().notify('ui.connect.noneThatWay');
      return true;
    };

    const menuAt = (el: Element): { x: number; y: number } => {
      const r = el.getBoundingClientRect();
      return { x: r.left + Math.min(24, r.width / 2), y: r.top + Math.min(r.height, 40) };
    };

    /**
     * Past the last Tab stop: focus the canvas's next control after the graph (the zoom
     * buttons), whatever element the stop was; false (the browser's own Tab) when none.
     */
    const leaveGraph = (): boolean => {
      const graph = root.current?.querySelector('.react-flow__viewport');
      if (!graph) return false;
      const next = [...root.current!.querySelectorAll<HTMLElement>(TABBABLE)].find(
        (x) => !graph.contains(x) && graph.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      next?.focus();
      return !!next;
    };

    /**
     * Tab walks the layers in document order, each followed by its outgoing wires (not
     * React Flow's DOM order, which puts every wire first): from the canvas to the first
     * layer, then on; past the last stop it leaves the canvas as usual.
     */
    const tabKey = (e: KeyboardEvent, el: HTMLElement, at: TabStop | null): boolean => {
      if (e.ctrlKey || e.metaKey || e.altKey) return false;
      const stops = tabStops(docState().doc);
      if (el === root.current) {
        if (e.shiftKey || stops.length === 0) return false;
        focusStop(stops[0]!);
        return true;
      }
      if (!at) return false;
      const i = stops.findIndex((s) => s.kind === at.kind && s.id === at.id);
      const next = i < 0 ? undefined : stops[i + (e.shiftKey ? -1 : 1)];
      if (next) focusStop(next);
      else if (e.shiftKey) root.current?.focus();
      else return leaveGraph();
      return true;
    };

    /** Keys on a focused wire (other than Tab and the menu keys); true when handled. */
    const edgeKey = (e: KeyboardEvent, edgeId: string): boolean => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return false;
      const { doc } = docState();
      const wire = doc.edges.find((w) => w.id === edgeId);
      if (!wire) return false;
      if (e.key === 'Delete' || e.key === 'Backspace') {
        removeEdge(edgeId);
        // The wire's element is gone: focus its source, so Tab goes on from there.
        requestAnimationFrame(() => focusNode(visibleNodeOf(docState().doc, wire.source)));
        return true;
      }
      const dir = arrowDirection(e.key);
      if (dir === 'up' || dir === 'left') focusNode(visibleNodeOf(doc, wire.source));
      else if (dir === 'down' || dir === 'right') focusNode(visibleNodeOf(doc, wire.target));
      return dir !== null;
    };

    /** Keys on a focused layer, wire or the canvas itself; true when handled. */
    const focusKey = (e: KeyboardEvent): boolean => {
      const el = e.target as HTMLElement;
      const node = nodeIdOf(el);
      const edge = node ? null : edgeIdOf(el);
      const block = node ? blockOfNodeId(node) : null;
      if (isMenuKey(e)) {
        const at = menuAt(el);
        const target = block
          ? ({ kind: 'block', id: block } as const)
          : node
            ? ({ kind: 'node', id: node } as const)
            : edge
              ? ({ kind: 'edge', id: edge } as const)
              : ({ kind: 'pane', at: screenToFlowPosition({ x: at.x, y: at.y }) } as const);
        openMenu({ target, ...at, returnFocus: el });
        return true;
      }
      if (e.key === 'Tab') {
        const at: TabStop | null = node
          ? { kind: 'node', id: node }
          : edge
            ? { kind: 'edge', id: edge }
            : null;
        return tabKey(e, el, at);
      }
      if (edge) return edgeKey(e, edge);
      if (!node || e.ctrlKey || e.metaKey) return false;
      const dir = e.altKey ? null : arrowDirection(e.key);
      if (dir) {
        const all = centres();
        const from = all.get(node);
        all.delete(node);
        const next = from ? nearestInDirection(from, all, dir) : null;
        if (next) focusNode(next);
        return true;
      }
      if (e.altKey || e.shiftKey) return false;
      if (e.key === 'Enter' && block) {
        docState().apply((d) => setBlockCollapsed(d, block, false));
        // The block's node is gone: focus its first layer once React Flow has drawn it.
        const first = docState().doc.layers.find((l) => l.block === block);
        if (first) requestAnimationFrame(() => focusNode(first.id));
        session().notify('ui.block.expanded', {
          name: docState().doc.blocks?.find((b) => b.id === block)?.name ?? block,
        });
        return true;
      }
      if (e.key === 'Enter') {
        session().select({ nodes: [node], edges: [] });
        session().focusInspector('name');
        return true;
      }
      if (e.key === 'c' || e.key === 'C') return (startConnect(node), true);
      return false;
    };

    return {
      startConnect,
      onKeyDownCapture(e: KeyboardEvent) {
        // Keys from the menu (a portal) or from a text field are not the canvas's.
        if (!root.current?.contains(e.target as Node) || isTextEntry(e.target)) return;
        if (connectKey(e) || focusKey(e)) {
          e.preventDefault();
          e.stopPropagation();
        }
      },
    };
  }, [stores, t, root, openMenu, removeEdge, screenToFlowPosition]);
}
