import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { inputHandle, OUTPUT_HANDLE, type LayerFlowNode, type NodeProblem } from './flow-nodes';

/** Left offsets of `n` input handles spread across the top edge. */
const handleOffsets = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${((i + 1) / (n + 1)) * 100}%`);

function ProblemBadge({ problem }: { problem: NodeProblem }) {
  const { t } = useTranslation();
  const label = t(problem.severity === 'error' ? 'ui.node.error' : 'ui.node.warning', {
    message: problem.message,
  });
  return (
    <span
      className={`node-badge node-badge--${problem.severity}`}
      role="img"
      aria-label={label}
      title={label}
    >
      {problem.severity === 'error' ? '!' : '?'}
    </span>
  );
}

/**
 * The one node component: renders a layer from the plain data the mapper derived
 * (title from the catalog, shape, parameter count, problem badge). It computes nothing.
 */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { t, i18n } = useTranslation();
  const { kind, category, name, shape, params, status, problem, appearance, inputs, hasOutput } = data;
  const offsets = handleOffsets(inputs);
  return (
    <div className={`layer-node layer-node--${appearance} cat-${category}${selected ? ' is-selected' : ''}`}>
      {offsets.map((left, port) => (
        <Handle key={port} type="target" position={Position.Top} id={inputHandle(port)} style={{ left }} />
      ))}
      <div className="layer-node__head">
        <span className="layer-node__title">{t(`layer.${kind}.title`)}</span>
        <span className="layer-node__name">{name}</span>
        {problem && <ProblemBadge problem={problem} />}
      </div>
      <div className="layer-node__meta">
        <span className="layer-node__shape" title={t('ui.node.outputShape')}>
          {shape ?? t('ui.node.noShape')}
        </span>
        {params !== null && (
          <span className="layer-node__params">
            {t('ui.node.params', { count: params, formatted: params.toLocaleString(i18n.language) })}
          </span>
        )}
      </div>
      {problem?.severity === 'error' && <p className="layer-node__error">{problem.message}</p>}
      {status === 'blocked' && !problem && <p className="visually-hidden">{t('ui.node.blocked')}</p>}
      {hasOutput && <Handle type="source" position={Position.Bottom} id={OUTPUT_HANDLE} />}
    </div>
  );
}

/** LayerNode, memoized: React Flow re-renders it only when its props change. */
export const LayerNode = memo(LayerNodeView);
