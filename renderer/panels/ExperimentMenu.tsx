import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingConfig } from '../../src/graph/document';
import type { ExperimentSpec } from '../../src/graph/variants';
import { hasBatchNorm } from '../../src/graph/variants';
import { parseRates, runExperiment, seedsFrom } from '../state/experiment-runner';
import { useDocument, useRunsView, useStores, useTraining } from '../state/stores';
import { isLive } from '../state/training-reducer';
import { ExperimentProgress } from './ExperimentProgress';
import { variantName } from './runs-view';
import { trainBlock } from './training-view';

/** A new experiment id (random where available). */
const newId = (): string => globalThis.crypto?.randomUUID?.() ?? `exp-${Date.now().toString(36)}`;

/**
 * "Experiment…": one-click comparisons, each recorded in the run history and overlaid
 * when done: with and without batch norm, a learning-rate ladder, the same model with
 * different seeds. On several cores the variants train side by side, unless "one at a
 * time" is ticked; while they run, each has a progress bar, and Cancel (or Stop in the
 * training controls) ends the whole experiment.
 */
export function ExperimentMenu() {
  const { t } = useTranslation();
  const stores = useStores();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [ratesText, setRatesText] = useState('0.01, 0.1, 1.0');
  const [seedCount, setSeedCount] = useState('3');
  const [problem, setProblem] = useState<string | null>(null);
  const live = useTraining((s) => isLive(s.run.phase));
  const progress = useRunsView((s) => s.experiment);
  const sequential = useRunsView((s) => s.sequential);
  const withBn = useDocument((s) => hasBatchNorm(s.doc));
  const blocked = useDocument((s) => trainBlock(s.analysis.diagnostics) !== null);
  const seed = useDocument((s) => s.doc.training.seed);
  const busy = live || progress !== null || blocked;

  const start = (spec: ExperimentSpec | null, invalidKey: string): void => {
    if (!spec) return setProblem(t(invalidKey));
    setProblem(null);
    setOpen(false);
    const label = (variant: string, config: TrainingConfig) => variantName(variant, config, t);
    void runExperiment(stores, spec, newId(), { label }).then((end) => {
      if (end.kind === 'refused') stores.session.getState().notify(end.key, end.values, 'error');
    });
  };
  const rates = parseRates(ratesText);
  const count = Number(seedCount);
  const seeds = Number.isInteger(count) && count >= 2 && count <= 8 ? seedsFrom(seed, count) : null;

  return (
    <div className="experiment">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        disabled={busy}
        onClick={() => setOpen((v) => !v)}
      >
        {t('ui.experiment.open')}
      </button>
      <ExperimentProgress />
      {open && !busy && (
        <div id={`${id}-menu`} className="experiment__menu" role="group" aria-label={t('ui.experiment.menu')}>
          <div className="experiment__item">
            <button
              type="button"
              className="button"
              disabled={!withBn}
              onClick={() => start({ kind: 'batch-norm' }, '')}
            >
              {t('ui.experiment.kind.batch-norm')}
            </button>
            <p className="experiment__hint">{t(withBn ? 'ui.experiment.bnHint' : 'ui.experiment.noBn')}</p>
          </div>
          <div className="experiment__item">
            <label className="experiment__field">
              {t('ui.experiment.rates')}
              <input
                value={ratesText}
                aria-invalid={rates === null}
                onChange={(e) => setRatesText(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="button"
              onClick={() => start(rates && { kind: 'lr-ladder', rates }, 'ui.experiment.badRates')}
            >
              {t('ui.experiment.kind.lr-ladder')}
            </button>
          </div>
          <div className="experiment__item">
            <label className="experiment__field">
              {t('ui.experiment.seeds')}
              <input
                type="number"
                min={2}
                max={8}
                value={seedCount}
                aria-invalid={seeds === null}
                onChange={(e) => setSeedCount(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="button"
              onClick={() => start(seeds && { kind: 'seeds', seeds }, 'ui.experiment.badSeeds')}
            >
              {t('ui.experiment.kind.seeds')}
            </button>
          </div>
          <label className="experiment__field">
            <input
              type="checkbox"
              checked={sequential}
              onChange={(e) => stores.runs.getState().setSequential(e.target.checked)}
            />
            {t('ui.experiment.sequential')}
          </label>
          {problem && (
            <p className="field__problem" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
