import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import { diagHint, diagText } from '../diag-text';
import { useDocument, useStores } from '../state/stores';

/** The node a diagnostic points at, if any. */
export const nodeOf = (d: Diagnostic): string | null => (d.target.kind === 'node' ? d.target.nodeId : null);

/** Errors first, then warnings, then notes; stable otherwise. */
export function sortedProblems(ds: readonly Diagnostic[]): Diagnostic[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...ds].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** The Problems list; choosing a problem selects its layer and brings it into view. */
export function ProblemsPanel() {
  const { t } = useTranslation();
  const stores = useStores();
  const diagnostics = useDocument((s) => s.analysis.diagnostics);
  const { getNode, setCenter, getZoom } = useReactFlow();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const focus = (nodeId: string): void => {
    stores.session.getState().select({ nodes: [nodeId], edges: [] });
    const node = getNode(nodeId);
    if (!node) return;
    const w = node.measured?.width ?? 0;
    const h = node.measured?.height ?? 0;
    void setCenter(node.position.x + w / 2, node.position.y + h / 2, {
      zoom: Math.max(getZoom(), 0.8),
      duration: 200,
    });
  };
  return (
    <section className="problems panel" aria-labelledby="problems-title">
      <h2 id="problems-title" className="panel__title">
        {t('ui.problems.title')}
        <span className="panel__subtitle">
          {t('ui.problems.count', {
            errors: t('ui.problems.errors', { count: errors }),
            warnings: t('ui.problems.warnings', { count: diagnostics.length - errors }),
          })}
        </span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="panel__empty">{t('ui.problems.none')}</p>
      ) : (
        <ul className="problems__list">
          {sortedProblems(diagnostics).map((d, i) => {
            const nodeId = nodeOf(d);
            return (
              <li key={`${d.code}:${nodeId ?? ''}:${i}`} className={`problem problem--${d.severity}`}>
                {nodeId ? (
                  <button type="button" onClick={() => focus(nodeId)} title={diagHint(t, d)}>
                    <span className="problem__severity">{t(`ui.problems.${d.severity}`)}</span>
                    <span className="problem__message">{diagText(t, d)}</span>
                  </button>
                ) : (
                  <div className="problem__static" title={diagHint(t, d)}>
                    <span className="problem__severity">{t(`ui.problems.${d.severity}`)}</span>
                    <span className="problem__message">{diagText(t, d)}</span>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
