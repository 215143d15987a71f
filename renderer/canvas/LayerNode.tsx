import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  inputHandle,
  OUTPUT_HANDLE,
  SPARK_SIZE,
  type LayerFlowNode,
  type NodeInsightData,
  type NodeProblem,
} from './flow-nodes';
import './layer-node-insight.css';

/** Left offsets of `n` input handles spread across the top edge. */
const handleOffsets = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${((i + 1) / (n + 1)) * 100}%`);

/** The round badge of a node's most important problem; its label carries the message. */
export function ProblemBadge({ problem }: { problem: NodeProblem }) {
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

const fmtValue = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : String(v));

/** A coloured dot saying how the layer trains; its label carries the finding's text. */
function HealthDot({ insight, name }: { insight: NodeInsightData; name: string }) {
  const { t } = useTranslation();
  const label =
    insight.message !== null
      ? t('ui.node.health', { message: insight.message })
      : t(insight.health === 'non-finite' ? 'ui.node.healthNonFinite' : 'ui.node.healthOk', { name });
  return (
    <span
      className={`health-dot health-dot--${insight.health}`}
      role="img"
      aria-label={label}
      title={label}
    />
  );
}

function Sparkline({ points, label, kind }: { points: string; label: string; kind: string }) {
  const { width, height } = SPARK_SIZE;
  return (
    <svg
      className={`sparkline sparkline--${kind}`}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title>{label}</title>
      <polyline points={points} fill="none" />
    </svg>
  );
}

/** The node's two sparklines: activation spread and gradient norm of the newest snapshots. */
function Sparklines({ insight }: { insight: NodeInsightData }) {
  const { t } = useTranslation();
  return (
    <div className="layer-node__sparks">
      <span className="layer-node__spark-key" aria-hidden="true">
        σ
      </span>
      <Sparkline
        kind="std"
        points={insight.stdPoints}
        label={t('ui.node.sparkStd', { value: fmtValue(insight.latestStd) })}
      />
      <span className="layer-node__spark-key" aria-hidden="true">
        ∇
      </span>
      <Sparkline
        kind="grad"
        points={insight.gradPoints}
        label={t('ui.node.sparkGrad', { value: fmtValue(insight.latestGrad) })}
      />
    </div>
  );
}

/**
 * The one node component: renders a layer from the plain data the mapper derived
 * (title from the catalog, shape, parameter count, problem badge, and while or after
 * training its sparklines and health dot). It computes nothing.
 */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { t, i18n } = useTranslation();
  const { kind, category, name, shape, params, status, problem, appearance, inputs, hasOutput, insight } =
    data;
  const offsets = handleOffsets(inputs);
  return (
    <div
      className={`layer-node layer-node--${appearance} cat-${category}${selected ? ' is-selected' : ''}${insight ? ' layer-node--trained' : ''}`}
    >
      {offsets.map((left, port) => (
        <Handle key={port} type="target" position={Position.Top} id={inputHandle(port)} style={{ left }} />
      ))}
      <div className="layer-node__head">
        <span className="layer-node__title">{t(`layer.${kind}.title`)}</span>
        <span className="layer-node__name">{name}</span>
        {problem && <ProblemBadge problem={problem} />}
        {insight && <HealthDot insight={insight} name={name} />}
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
      {insight && <Sparklines insight={insight} />}
      {problem?.severity === 'error' && <p className="layer-node__error">{problem.message}</p>}
      {status === 'blocked' && !problem && <p className="visually-hidden">{t('ui.node.blocked')}</p>}
      {hasOutput && <Handle type="source" position={Position.Bottom} id={OUTPUT_HANDLE} />}
    </div>
  );
}

/** LayerNode, memoized: React Flow re-renders it only when its props change. */
export const LayerNode = memo(LayerNodeView);
