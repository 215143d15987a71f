import { useTranslation } from 'react-i18next';
import { isLive } from '../state/training-reducer';
import { useDocument, useRunsView, useTraining } from '../state/stores';
import { trainBlock } from './training-view';
import { useTrainingActions } from './use-training-actions';

/** Train, Stop, Pause/Resume and Step, with the reason Train is disabled next to it. */
export function TrainingControls() {
  const { t } = useTranslation();
  const phase = useTraining((s) => s.run.phase);
  const diagnostics = useDocument((s) => s.analysis.diagnostics);
  const actions = useTrainingActions();
  const block = trainBlock(diagnostics);
  const live = isLive(phase);
  // Variants of an experiment may train in other workers while this trainer is free.
  const experimenting = useRunsView((s) => s.experiment !== null);
  const paused = phase === 'paused';
  return (
    <div className="training-controls">
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={live || experimenting || block !== null}
          aria-describedby={block ? 'train-block' : undefined}
          onClick={actions.start}
        >
          {t('ui.training.train')}
        </button>
        <button type="button" className="button" disabled={!live} onClick={actions.stop}>
          {t('ui.training.stop')}
        </button>
        <button
          type="button"
          className="button"
          disabled={phase !== 'running' && !paused}
          onClick={paused ? actions.resume : actions.pause}
        >
          {paused ? t('ui.training.resume') : t('ui.training.pause')}
        </button>
        <button type="button" className="button" disabled={!paused} onClick={actions.step}>
          {t('ui.training.step')}
        </button>
      </div>
      {block && (
        <p id="train-block" className="training-controls__block">
          {t('ui.training.blocked', { count: block.count, message: block.message })}
        </p>
      )}
    </div>
  );
}
