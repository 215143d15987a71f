import { useTranslation } from 'react-i18next';
import { findingSeverity } from '../charts/finding-markers';
import { findingText } from '../diag-text';
import type { LayerFinding } from '../state/layer-stats-reducer';

/** Findings listed at most (the newest). */
const SHOWN = 50;

/** Props of the findings timeline. */
export interface FindingsListProps {
  findings: readonly LayerFinding[];
  names: ReadonlyMap<string, string>;
  /** Selects the finding's layer (on the canvas and in the charts). */
  onPick(nodeId: string): void;
}

/** The run's findings in the order they came (step and epoch, layer, message); each one selects its layer. */
export function FindingsList({ findings, names, onPick }: FindingsListProps) {
  const { t } = useTranslation();
  const shown = findings.slice(-SHOWN);
  return (
    <section className="insight__findings" aria-labelledby="insight-findings-title">
      <h3 id="insight-findings-title" className="insight__findings-title">
        {t('ui.insight.findings')}
      </h3>
      {shown.length === 0 && <p className="panel__empty">{t('ui.insight.noFindings')}</p>}
      {shown.length > 0 && (
        <ol className="insight__finding-list">
          {shown.map((f, i) => (
            <li key={`${f.step}-${f.nodeId}-${f.code}-${i}`}>
              <button
                type="button"
                className={`insight__finding insight__finding--${findingSeverity(f)}`}
                onClick={() => onPick(f.nodeId)}
              >
                {t(f.epoch === undefined ? 'ui.insight.finding' : 'ui.insight.findingEpoch', {
                  step: f.step,
                  epoch: f.epoch,
                  layer: names.get(f.nodeId) ?? f.nodeId,
                  message: findingText(t, f),
                })}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
