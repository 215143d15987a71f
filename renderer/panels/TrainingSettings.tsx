import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { setTraining } from '../../src/graph/commands';
import { BACKEND_CHOICES, type TrainingConfig } from '../../src/graph/document';
import type { BackendChoice } from '../../src/training/protocol';
import { isLive } from '../state/training-reducer';
import { useDocument, useStores, useTraining } from '../state/stores';
import { CommitField } from './CommitField';
import { formatValue, parseNumber, parseOptionalCount } from './field-parsing';
import { useTrainingActions } from './use-training-actions';

/** Epochs, batch size, learning rate, the cap on training examples and the backend; saved in the document. */
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
      <BackendSelect
        value={training.backend ?? 'auto'}
        disabled={live}
        onChange={(backend) => set({ backend })}
      />
    </div>
  );
}

/** The backend a run trains on; 'auto' is stored as no choice at all (older files read the same). */
function BackendSelect(p: {
  value: BackendChoice;
  disabled: boolean;
  onChange: (backend: Exclude<BackendChoice, 'auto'> | undefined) => void;
}) {
  const { t } = useTranslation();
  const choose = (v: string): void => {
    const choice = BACKEND_CHOICES.find((c) => c === v);
    if (choice) p.onChange(choice === 'auto' ? undefined : choice);
  };
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('ui.training.backendChoice')}</label>
      <div className="field__control">
        <select id={id} value={p.value} disabled={p.disabled} onChange={(e) => choose(e.target.value)}>
          {BACKEND_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`ui.training.backendOptions.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
