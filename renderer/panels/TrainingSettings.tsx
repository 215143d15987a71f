import { useTranslation } from 'react-i18next';
import { setTraining } from '../../src/graph/commands';
import type { TrainingConfig } from '../../src/graph/document';
import { isLive } from '../state/training-reducer';
import { useDocument, useStores, useTraining } from '../state/stores';
import { CommitField } from './CommitField';
import { formatValue, parseNumber, parseOptionalCount } from './field-parsing';
import { useTrainingActions } from './use-training-actions';

/** Epochs, batch size, learning rate and the cap on training examples; saved in the document. */
export function TrainingSettings() {
  const { t } = useTranslation();
  const stores = useStores();
  const training = useDocument((s) => s.doc.training);
  const live = useTraining((s) => isLive(s.run.phase));
  const actions = useTrainingActions();
  const set = (patch: Partial<TrainingConfig>): void => {
    stores.document.getState().apply((d) => setTraining(d, patch));
  };
  const key = (name: 'epochs' | 'batchSize' | 'learningRate' | 'trainLimit'): string =>
    `${name}:${formatValue(training[name])}`;
  return (
    <div className="training-settings">
      <CommitField
        key={key('epochs')}
        label={t('ui.training.epochs')}
        value={formatValue(training.epochs)}
        parse={(s) => parseNumber(s, { integer: true, min: 1, max: 10_000 })}
        onCommit={(epochs) => set({ epochs })}
        type="number"
        min={1}
        max={10_000}
        step={1}
      />
      <CommitField
        key={key('batchSize')}
        label={t('ui.training.batchSize')}
        value={formatValue(training.batchSize)}
        parse={(s) => parseNumber(s, { integer: true, min: 1, max: 65_536 })}
        onCommit={(batchSize) => set({ batchSize })}
        type="number"
        min={1}
        max={65_536}
        step={1}
      />
      <CommitField
        key={key('learningRate')}
        label={t('ui.training.learningRate')}
        value={formatValue(training.learningRate)}
        parse={(s) => parseNumber(s, { integer: false, positive: true, max: 1000 })}
        onCommit={(learningRate) => {
          set({ learningRate });
          if (live) actions.setLearningRate(learningRate);
        }}
        type="number"
        step="any"
      />
      <CommitField
        key={key('trainLimit')}
        label={t('ui.training.trainLimit')}
        value={formatValue(training.trainLimit)}
        parse={(s) => parseOptionalCount(s, t('ui.training.all'))}
        onCommit={(trainLimit) => set({ trainLimit })}
        placeholder={t('ui.training.all')}
        type="number"
        min={1}
        step={1}
      />
    </div>
  );
}
