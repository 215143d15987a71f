import { useReactFlow } from '@xyflow/react';
import { useMemo, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useStores } from '../state/stores';
import { isTextEntry } from '../state/use-shortcuts';
import type { MenuState } from './CanvasMenu';
import { connectCommand } from './flow-changes';
import { inputHandle } from './flow-nodes';
import { setBlockCollapsed } from '../../src/graph/blocks';
import { blockOfNodeId, visibleCentres, visibleOrder } from './block-view';
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

/** True for the keys that open a context menu from the keyboard. */
const isMenuKey = (e: KeyboardEvent): boolean => e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');

/**
 * The canvas's keyboard: arrow keys move focus to the nearest layer in that direction
 * (Alt+arrows still move selected layers), Enter opens the focused layer in the Inspector,
 * C starts connecting from it, and the ContextMenu key or Shift+F10 opens the menu of the
 * focused layer, wire or the canvas. In connect mode arrows and Tab pick among the valid
 * targets (a refused one is announced with the rule's reason), Enter connects, Escape cancels.
 */
export function useCanvasKeys(root: RefObject<HTMLElement | null>, openMenu: (menu: MenuState) => void) {
  const stores = useStores();
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();
  return useMemo(() => {
    const session = () => stores.session.getState();
    const docState = () => stores.document.getState();
    const focusNode = (id: string): void =>
      root.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus();
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
     * Tab walks the layers in document order (not React Flow's DOM order, which puts
     * every wire first): from the canvas to the first layer, then layer by layer.
     */
    const tabKey = (e: KeyboardEvent, el: HTMLElement, node: string | null): boolean => {
      if (e.ctrlKey || e.metaKey || e.altKey) return false;
      const ids = visibleOrder(docState().doc);
      if (el === root.current) {
        if (e.shiftKey || ids.length === 0) return false;
        focusNode(ids[0]!);
        return true;
      }
      if (!node) return false;
      const next = ids[ids.indexOf(node) + (e.shiftKey ? -1 : 1)];
      if (next) focusNode(next);
      else if (e.shiftKey) root.current?.focus();
      else return false;
      return true;
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
      if (e.key === 'Tab') return tabKey(e, el, node);
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
  }, [stores, t, root, openMenu, screenToFlowPosition]);
}
