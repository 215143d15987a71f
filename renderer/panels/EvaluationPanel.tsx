import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isGrayImageShape } from '../../src/data/image-preprocess';
import { BUILTIN_DATASETS, datasetInfo } from '../../src/graph/datasets';
import type { DatasetRef } from '../../src/graph/document';
import {
  changedPredictions,
  MAX_EVAL_EXAMPLES,
  misclassifiedFirst,
  perClassAccuracy,
} from '../../src/training/views-protocol';
import type { EvalMode } from '../../src/training/protocol';
import { ClassBars } from '../charts/ClassBars';
import { ConfusionMatrix } from '../charts/ConfusionMatrix';
import { ExampleGrid } from '../charts/ExampleGrid';
import { useDocument, useTraining } from '../state/stores';
import { CommitField } from './CommitField';
import { FeatureMaps } from './FeatureMaps';
import { formatValue, parseNumber } from './field-parsing';
import { TryImage } from './TryImage';
import { DEFAULT_EVAL_EXAMPLES, useEvaluation, type Evaluation } from './use-evaluation';

/** Test images shown in the grid. */
const GRID_SIZE = 40;
const MODES: readonly EvalMode[] = ['predict', 'batch-stats'];
const MODE_KEYS: Record<EvalMode, string> = {
  predict: 'ui.evaluation.predictMode',
  'batch-stats': 'ui.evaluation.trainingMode',
};

/** The class names a built-in set declares (empty for others: classes are then shown by number). */
const classNamesOf = (ref: DatasetRef): readonly string[] =>
  ref.kind === 'builtin' ? (BUILTIN_DATASETS[ref.id]?.classNames ?? []) : [];

/** The Evaluation tab: the last ended run on the test set, in prediction or training mode. */
export function EvaluationPanel() {
  const { t } = useTranslation();
  const [examples, setExamples] = useState(DEFAULT_EVAL_EXAMPLES);
  // The views below need classes: a regression run gets a message instead.
  const regression = useTraining((s) => s.run.metric === 'mae' && s.run.runId !== null);
  const ev = useEvaluation(examples, !regression);
  const dataset = useTraining((s) => s.origin?.dataset);
  const docDataset = useDocument((s) => s.doc.dataset);
  const ref = dataset ?? docDataset;
  const info = datasetInfo(ref);
  const known = classNamesOf(ref);
  if (regression) return <p className="panel__empty">{t('ui.evaluation.regression')}</p>;
  if (!ev.runId) return <p className="panel__empty">{t('ui.evaluation.empty')}</p>;
  const otherMode: EvalMode = ev.mode === 'predict' ? 'batch-stats' : 'predict';
  // While the other mode is being evaluated, the results shown so far stay (no flicker).
  const result = ev.results[ev.mode] ?? (ev.busy ? ev.results[otherMode] : undefined);
  const names = Array.from(
    { length: result?.classes ?? info?.classes ?? 0 },
    (_, c) => known[c] ?? String(c),
  );
  return (
    <div className="evaluation">
      <div className="evaluation__controls">
        <CommitField
          key={`examples:${examples}`}
          label={t('ui.evaluation.examples')}
          value={formatValue(examples)}
          parse={(s) => parseNumber(s, { integer: true, min: 1, max: MAX_EVAL_EXAMPLES })}
          onCommit={setExamples}
          type="number"
          min={1}
          max={MAX_EVAL_EXAMPLES}
          step={1}
        />
        <div role="radiogroup" aria-label={t('ui.evaluation.mode')} className="evaluation__modes">
          {MODES.map((m) => (
            <label key={m} className="evaluation__mode">
              <input
                type="radio"
                name="evaluation-mode"
                checked={ev.mode === m}
                disabled={ev.busy}
                onChange={() => ev.setMode(m)}
              />
              {t(MODE_KEYS[m])}
            </label>
          ))}
        </div>
      </div>
      <p className="evaluation__note">{t('ui.evaluation.modeHint')}</p>
      {ev.busy && <p role="status">{t('ui.evaluation.busy')}</p>}
      {ev.error && (
        <p role="alert" className="alert">
          {t('ui.evaluation.failed', { message: ev.error })}
        </p>
      )}
      {result && (
        <Results
          result={result}
          other={ev.results[result.mode === 'predict' ? 'batch-stats' : 'predict']}
          names={names}
        />
      )}
    </div>
  );
}

/** Summary, confusion matrix, per-class bars, the image grid, feature maps and "try your own image". */
function Results({
  result,
  other,
  names,
}: {
  result: Evaluation;
  other: Evaluation | undefined;
  names: string[];
}) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState(0);
  const { labels, predictions, confusion, classes } = result;
  const correct = useMemo(
    () => labels.reduce((n, l, i) => n + (l === predictions[i] ? 1 : 0), 0),
    [labels, predictions],
  );
  const changed = useMemo(
    () =>
      new Set(
        other && other.count === result.count ? changedPredictions(other.predictions, predictions) : [],
      ),
    [other, result, predictions],
  );
  const order = useMemo(() => misclassifiedFirst(labels, predictions, GRID_SIZE), [labels, predictions]);
  const shape = result.images?.shape ?? [];
  return (
    <>
      <p className="evaluation__summary" role="status">
        {t('ui.evaluation.summary', {
          accuracy: ((100 * correct) / Math.max(1, result.count)).toFixed(1),
          correct: correct.toLocaleString(i18n.language),
          count: result.count.toLocaleString(i18n.language),
          mode: t(MODE_KEYS[result.mode]),
        })}
        {other && ` ${t('ui.evaluation.changed', { count: changed.size })}`}
      </p>
      <div className="evaluation__row">
        <ConfusionMatrix confusion={confusion} names={names} />
        <ClassBars
          caption={t('ui.evaluation.perClass')}
          names={names}
          values={perClassAccuracy(confusion, classes)}
        />
      </div>
      {result.images && (
        <section aria-label={t('ui.evaluation.gridTitle')}>
          <h3 className="evaluation__heading">{t('ui.evaluation.gridTitle')}</h3>
          <ExampleGrid
            shape={shape}
            pixels={result.images.pixels}
            labels={labels}
            predictions={predictions}
            names={names}
            order={order}
            changed={changed}
            chosen={chosen}
            onChoose={setChosen}
          />
        </section>
      )}
      {result.images && shape.length === 3 && <FeatureMaps runId={result.runId} example={chosen} />}
      {isGrayImageShape(shape) && (
        <TryImage runId={result.runId} height={shape[0]} width={shape[1]} names={names} />
      )}
    </>
  );
}
