import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockFlowNode } from './block-view';
import { inputHandle, OUTPUT_HANDLE } from './flow-nodes';
import { ProblemBadge } from './LayerNode';

/**
 * A collapsed block: one node standing for its layers. It shows the block's name, its
 * worst problem inside (a badge, and an error's message line naming its layer, as a
 * layer node shows its own), the first kinds, the output shape of its exit layer(s) and
 * the total of its layers' parameters, all derived by the mapper (block-view.ts).
 */
function BlockNodeView({ data, selected }: NodeProps<BlockFlowNode>) {
  const { t, i18n } = useTranslation();
  const { name, summary, count, shapes, params, problem } = data;
  const look = problem ? ` layer-node--${problem.severity}` : '';
  return (
    <div className={`layer-node block-node${look}${selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Top} id={inputHandle(0)} />
      <div className="layer-node__head">
        <span className="layer-node__title">{t('ui.block.title')}</span>
        <span className="layer-node__name">{name}</span>
        {problem && <ProblemBadge problem={problem} />}
      </div>
      <div className="layer-node__meta">
        <span className="block-node__summary">{summary}</span>
        <span className="layer-node__params">{t('ui.block.count', { count })}</span>
      </div>
      <div className="layer-node__meta">
        <span className="block-node__shapes" title={t('ui.block.outputShapes')}>
          {shapes.length === 0
            ? t('ui.node.noShape')
            : shapes.map((shape, i) => (
                <span key={i} className="layer-node__shape">
                  {shape ?? t('ui.node.noShape')}
                </span>
              ))}
        </span>
        {params !== null && (
          <span className="layer-node__params">
            {t('ui.node.params', { count: params, formatted: params.toLocaleString(i18n.language) })}
          </span>
        )}
      </div>
      {problem?.severity === 'error' && <p className="layer-node__error">{problem.message}</p>}
      <Handle type="source" position={Position.Bottom} id={OUTPUT_HANDLE} />
    </div>
  );
}

/** BlockNode, memoized. */
export const BlockNode = memo(BlockNodeView);
