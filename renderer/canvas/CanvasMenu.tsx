import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Position } from '../../src/graph/document';
import { useDocument, useSession } from '../state/stores';
import { ContextMenu, type MenuEntry } from './ContextMenu';
import { insertable, type CanvasActions } from './use-canvas-actions';

/** What a context menu is about. */
export type MenuTarget =
  | { kind: 'node'; id: string }
  | { kind: 'edge'; id: string }
  | { kind: 'block'; id: string }
  | { kind: 'pane'; at: Position };

/** An open context menu: its subject, where on screen, and the element to refocus on close. */
export interface MenuState {
  target: MenuTarget;
  x: number;
  y: number;
  returnFocus: HTMLElement | null;
}

const anyKind = (): boolean => true;

/** "Save to My blocks…": asks for a name (the block's by default), then saves. */
const saveEntry = (
  label: string,
  nameLabel: string,
  initial: string,
  onSubmit: (name: string) => void,
): MenuEntry => ({
  key: 'saveToMyBlocks',
  label,
  prompt: { label: nameLabel, initial, onSubmit },
});

/** Block entries of a layer's menu: group the selection, or collapse / ungroup the layer's block. */
function useBlockEntries(target: MenuTarget, actions: CanvasActions): MenuEntry[] {
  const { t } = useTranslation();
  const layers = useDocument((s) => s.doc.layers);
  const blockCount = useDocument((s) => s.doc.blocks?.length ?? 0);
  const blocks = useDocument((s) => s.doc.blocks);
  const blockNames = new Map((blocks ?? []).map((b) => [b.id, b.name]));
  const selection = useSession((s) => s.selection.nodes);
  if (target.kind !== 'node') return [];
  const layer = layers.find((l) => l.id === target.id);
  if (layer?.block) {
    const blockId = layer.block;
    return [
      {
        key: 'collapse',
        label: t('ui.block.collapse'),
        onSelect: () => actions.setCollapsed(blockId, true),
        separated: true,
      },
      { key: 'ungroup', label: t('ui.block.ungroup'), onSelect: () => actions.ungroup(blockId) },
      saveEntry(
        t('ui.myBlocks.save'),
        t('ui.myBlocks.nameLabel'),
        blockNames.get(blockId) ?? blockId,
        (name) => actions.saveBlock(blockId, name),
      ),
    ];
  }
  const chosen = new Set(selection.includes(target.id) ? selection : []);
  // Ids of layers that are gone (an undone insert can leave them selected) do not count.
  const picked = layers.filter((l) => chosen.has(l.id));
  const free = picked.filter((l) => l.block === null);
  if (free.length < 2 || free.length !== picked.length) return [];
  const id = target.id;
  return [
    {
      key: 'group',
      label: t('ui.block.group'),
      separated: true,
      prompt: {
        label: t('ui.block.nameLabel'),
        initial: t('ui.block.defaultName', { number: blockCount + 1 }),
        onSubmit: (name) => actions.group(id, name),
      },
    },
  ];
}

function useEntries(
  target: MenuTarget,
  actions: CanvasActions,
  startConnect: (id: string) => void,
): MenuEntry[] {
  const { t } = useTranslation();
  const blockEntries = useBlockEntries(target, actions);
  const blocks = useDocument((s) => s.doc.blocks);
  const entry = (key: string, onSelect: () => void, keys?: string, separated = false): MenuEntry => ({
    key,
    label: t(`ui.menu.${key}`),
    onSelect,
    keys,
    separated,
  });
  switch (target.kind) {
    case 'node': {
      const id = target.id;
      return [
        entry('rename', () => actions.rename(id)),
        entry('duplicate', () => actions.duplicate(id), 'Control+D', true),
        entry('copy', () => actions.copy(id), 'Control+C'),
        entry('cut', () => actions.cut(id), 'Control+X'),
        entry('delete', () => actions.remove(id), 'Delete'),
        entry('connect', () => startConnect(id), 'C', true),
        entry('disconnect', () => actions.disconnect(id)),
        entry('help', () => actions.help(id), undefined, true),
        ...blockEntries,
      ];
    }
    case 'edge': {
      const id = target.id;
      return [
        entry('deleteEdge', () => actions.removeEdge(id)),
        {
          key: 'insert',
          label: t('ui.menu.insert'),
          picker: {
            label: t('ui.menu.pickerInsert'),
            allow: insertable,
            onPick: (kind) => actions.insertOnEdge(id, kind),
          },
        },
      ];
    }
    case 'block': {
      const id = target.id;
      return [
        { key: 'expand', label: t('ui.block.expand'), onSelect: () => actions.setCollapsed(id, false) },
        { key: 'ungroup', label: t('ui.block.ungroup'), onSelect: () => actions.ungroup(id) },
        saveEntry(
          t('ui.myBlocks.save'),
          t('ui.myBlocks.nameLabel'),
          blocks?.find((b) => b.id === id)?.name ?? id,
          (name) => actions.saveBlock(id, name),
        ),
        {
          key: 'delete',
          label: t('ui.block.delete'),
          onSelect: () => actions.removeBlock(id),
          separated: true,
        },
      ];
    }
    case 'pane': {
      const at = target.at;
      return [
        {
          key: 'addHere',
          label: t('ui.menu.addHere'),
          picker: {
            label: t('ui.menu.pickerAdd'),
            allow: anyKind,
            onPick: (kind) => actions.addAt(kind, at),
          },
        },
        entry('paste', actions.paste, 'Control+V', true),
        entry('selectAll', actions.selectAll, 'Control+A'),
        entry('arrange', actions.arrange, 'Control+Shift+L', true),
        entry('fit', actions.fit, 'Control+Shift+F'),
      ];
    }
  }
}

/** The menu's accessible name: whose actions these are. */
function useMenuLabel(target: MenuTarget): string {
  const { t } = useTranslation();
  const layers = useDocument((s) => s.doc.layers);
  const edges = useDocument((s) => s.doc.edges);
  const blocks = useDocument((s) => s.doc.blocks);
  const name = (id: string | undefined): string => layers.find((l) => l.id === id)?.name ?? String(id);
  if (target.kind === 'node') return t('ui.menu.node', { name: name(target.id) });
  if (target.kind === 'pane') return t('ui.menu.pane');
  if (target.kind === 'block') {
    return t('ui.block.menu', { name: blocks?.find((b) => b.id === target.id)?.name ?? target.id });
  }
  const edge = edges.find((e) => e.id === target.id);
  return t('ui.menu.edge', { source: name(edge?.source), target: name(edge?.target) });
}

/** The canvas's context menu for a layer, a wire or empty canvas, shown over the page. */
export function CanvasMenu({
  menu,
  actions,
  startConnect,
  onClose,
}: {
  menu: MenuState;
  actions: CanvasActions;
  startConnect: (id: string) => void;
  onClose: (restoreFocus: boolean) => void;
}) {
  const entries = useEntries(menu.target, actions, startConnect);
  const label = useMenuLabel(menu.target);
  return createPortal(
    <ContextMenu label={label} x={menu.x} y={menu.y} entries={entries} onClose={onClose} />,
    document.body,
  );
}
