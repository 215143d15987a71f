import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockFlowNode } from './block-view';
import { inputHandle, OUTPUT_HANDLE } from './flow-nodes';

/** A collapsed block: one node standing for its layers (name, layer count, first kinds). */
function BlockNodeView({ data, selected }: NodeProps<BlockFlowNode>) {
  const { t } = useTranslation();
  return (
    <div className={`layer-node block-node${selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Top} id={inputHandle(0)} />
      <div className="layer-node__head">
        <span className="layer-node__title">{t('ui.block.title')}</span>
        <span className="layer-node__name">{data.name}</span>
      </div>
      <div className="layer-node__meta">
        <span className="block-node__summary">{data.summary}</span>
        <span className="layer-node__params">{t('ui.block.count', { count: data.count })}</span>
      </div>
      <Handle type="source" position={Position.Bottom} id={OUTPUT_HANDLE} />
    </div>
  );
}

/** BlockNode, memoized. */
export const BlockNode = memo(BlockNodeView);
