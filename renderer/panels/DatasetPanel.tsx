import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TOY_TEST_FRACTION } from '../../src/data/toy-builtin';
import { setDataset } from '../../src/graph/commands';
import { BUILTIN_DATASETS, datasetInfo, datasetTask, generatorOptionsOf } from '../../src/graph/datasets';
import type { DatasetRef, GeneratorOptions } from '../../src/graph/document';
import { ScatterPreview } from '../charts/ScatterPreview';
import { isLive } from '../state/training-reducer';
import { useDocument, useStores, useTraining } from '../state/stores';
import { CommitField } from './CommitField';
import { DATASET_GROUPS, pickerValue, previewPoints } from './dataset-options';
import { DatasetImportButtons, ImportedStatus } from './DatasetImport';
import { parseNumber } from './field-parsing';
import './DatasetPanel.css';

/** The number fields of a generated set: name, bounds, whether whole. */
const FIELDS: readonly { name: keyof GeneratorOptions; min: number; max: number; integer: boolean }[] = [
  { name: 'size', min: 8, max: 100_000, integer: true },
  { name: 'noise', min: 0, max: 10, integer: false },
  { name: 'classes', min: 2, max: 16, integer: true },
  { name: 'seed', min: 0, max: 2 ** 32 - 1, integer: true },
];

/** Noise, size, class count and seed of a generated set, saved in the dataset reference. */
function GeneratorFields({ dataset, disabled }: { dataset: DatasetRef; disabled: boolean }) {
  const { t } = useTranslation();
  const stores = useStores();
  const opts = generatorOptionsOf(dataset)!;
  const adjustable = BUILTIN_DATASETS[dataset.id]?.generator?.adjustableClasses ?? false;
  const set = (patch: Partial<GeneratorOptions>): void => {
    const ref: DatasetRef = { kind: 'builtin', id: dataset.id, options: { ...opts, ...patch } };
    stores.document.getState().apply((d) => setDataset(d, ref));
  };
  const shown = FIELDS.filter((f) => f.name !== 'classes' || adjustable);
  return (
    <div className="dataset-panel__fields">
      {shown.map((f) => (
        <CommitField
          key={`${dataset.id}:${f.name}:${opts[f.name]}`}
          label={t(`ui.datasetPanel.${f.name}`)}
          value={String(opts[f.name])}
          parse={(s) => parseNumber(s, { integer: f.integer, min: f.min, max: f.max })}
          onCommit={(v) => set({ [f.name]: v })}
          type="number"
          min={f.min}
          max={f.max}
          step={f.integer ? 1 : 'any'}
          disabled={disabled}
        />
      ))}
    </div>
  );
}

/** One line about the bound set: example shape and classes, and for toy sets the split. */
function Summary({ dataset }: { dataset: DatasetRef }) {
  const { t } = useTranslation();
  const info = datasetInfo(dataset);
  const opts = generatorOptionsOf(dataset);
  if (!info) return null;
  const shape = `[${info.inputShape.join(' × ')}]`;
  const regression = datasetTask(dataset) === 'regression';
  const test = opts ? Math.round(opts.size * TOY_TEST_FRACTION) : 0;
  return (
    <p className="dataset-panel__summary">
      {regression
        ? t('ui.datasetPanel.summaryRegression', { shape })
        : t('ui.datasetPanel.summary', { shape, classes: info.classes })}
      {opts && <> · {t('ui.datasetPanel.split', { train: opts.size - test, test })}</>}
    </p>
  );
}

/** The dataset region: pick a built-in set, tune a generated one, and see it. */
export function DatasetPanel() {
  const { t } = useTranslation();
  const stores = useStores();
  const dataset = useDocument((s) => s.doc.dataset);
  const live = useTraining((s) => isLive(s.run.phase));
  const points = useMemo(() => previewPoints(dataset), [dataset]);
  const choose = (value: string): void => {
    if (value.startsWith('imported:') || !BUILTIN_DATASETS[value]) return;
    stores.document.getState().apply((d) => setDataset(d, { kind: 'builtin', id: value }));
  };
  const classes = datasetInfo(dataset)?.classes ?? 0;
  return (
    <div className="dataset-panel">
      <label className="dataset-panel__pick">
        <span>{t('ui.datasetPanel.choose')}</span>
        <select value={pickerValue(dataset)} disabled={live} onChange={(e) => choose(e.target.value)}>
          {DATASET_GROUPS.map((g) => (
            <optgroup key={g.key} label={t(g.key)}>
              {g.ids.map((id) => (
                <option key={id} value={id}>
                  {t(`dataset.${id}`)}
                </option>
              ))}
            </optgroup>
          ))}
          {dataset.kind === 'imported' && (
            <optgroup label={t('ui.datasetPanel.groupImported')}>
              <option value={pickerValue(dataset)}>{dataset.name}</option>
            </optgroup>
          )}
        </select>
      </label>
      <Summary dataset={dataset} />
      {generatorOptionsOf(dataset) && <GeneratorFields dataset={dataset} disabled={live} />}
      {points && (
        <ScatterPreview
          points={points}
          label={
            points.labels
              ? t('ui.datasetPanel.preview', { count: points.count, classes })
              : t('ui.datasetPanel.previewRegression', { count: points.count })
          }
        />
      )}
      {dataset.kind === 'imported' && <ImportedStatus dataset={dataset} />}
      <DatasetImportButtons disabled={live} />
      {datasetTask(dataset) === 'regression' && (
        <p className="dataset-panel__note">{t('ui.datasetPanel.regressionNote')}</p>
      )}
    </div>
  );
}
