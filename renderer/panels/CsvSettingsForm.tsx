import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_DELIMITERS, type CsvDelimiter } from '../../src/data/csv-parse';
import type { CsvImportPreview, CsvImportSettings } from '../../src/data/csv-import';
import type { MissingPolicy } from '../../src/data/csv-types';

const DELIMITER_NAMES: Record<CsvDelimiter, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};
const MISSING: readonly MissingPolicy[] = ['drop-row', 'mean', 'zero', 'error'];
const TASKS = ['classification', 'regression'] as const;
const KINDS = ['numeric', 'categorical', 'ignore'] as const;

interface Props {
  settings: CsvImportSettings;
  preview: CsvImportPreview | null;
  onChange(patch: Partial<CsvImportSettings>): void;
}

/** A labelled select (label and control linked by id, so the name is the label alone). */
function Choice(p: { label: string; value: string; options: [string, string][]; onChange(v: string): void }) {
  const id = useId();
  return (
    <div className="csv-import__choice">
      <label htmlFor={id}>{p.label}</label>
      <select id={id} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        {p.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How the file is read: delimiter, header, target, task, missing values, standardization. */
export function CsvReadSettings({ settings: s, preview, onChange }: Props) {
  const { t } = useTranslation();
  const table = preview?.table;
  const auto = (value: string): string => t('ui.csvImport.auto', { value });
  const detectedDelimiter = table ? t(`ui.csvImport.delimiters.${DELIMITER_NAMES[table.delimiter]}`) : '…';
  const detectedHeader = table ? t(table.header ? 'ui.csvImport.headerYes' : 'ui.csvImport.headerNo') : '…';
  const detectedTask = table ? t(`ui.csvImport.tasks.${table.dataset.task}`) : '…';
  const columns = preview?.columns ?? [];
  return (
    <div className="csv-import__settings">
      <Choice
        label={t('ui.csvImport.delimiter')}
        value={s.delimiter}
        options={[
          ['auto', auto(detectedDelimiter)],
          ...CSV_DELIMITERS.map((d): [string, string] => [
            d,
            t(`ui.csvImport.delimiters.${DELIMITER_NAMES[d]}`),
          ]),
        ]}
        onChange={(v) => onChange({ delimiter: v as CsvImportSettings['delimiter'] })}
      />
      <Choice
        label={t('ui.csvImport.header')}
        value={s.header}
        options={[
          ['auto', auto(detectedHeader)],
          ['yes', t('ui.csvImport.headerYes')],
          ['no', t('ui.csvImport.headerNo')],
        ]}
        onChange={(v) => onChange({ header: v as CsvImportSettings['header'] })}
      />
      <Choice
        label={t('ui.csvImport.target')}
        value={s.target ?? table?.dataset.target.name ?? ''}
        options={columns.map((c): [string, string] => [c, c])}
        onChange={(v) => onChange({ target: v })}
      />
      <Choice
        label={t('ui.csvImport.task')}
        value={s.task}
        options={[
          ['auto', auto(detectedTask)],
          ...TASKS.map((k): [string, string] => [k, t(`ui.csvImport.tasks.${k}`)]),
        ]}
        onChange={(v) => onChange({ task: v as CsvImportSettings['task'] })}
      />
      <Choice
        label={t('ui.csvImport.missing')}
        value={s.missing}
        options={MISSING.map((m): [string, string] => [m, t(`ui.csvImport.missingPolicies.${m}`)])}
        onChange={(v) => onChange({ missing: v as MissingPolicy })}
      />
      <label className="csv-import__check">
        <input
          type="checkbox"
          checked={s.standardize}
          onChange={(e) => onChange({ standardize: e.target.checked })}
        />
        {t('ui.csvImport.standardize')}
      </label>
    </div>
  );
}

/** One select per column: numeric, categorical (one-hot) or ignored; the target is marked. */
export function CsvColumnTypes({ settings: s, preview, onChange }: Props) {
  const { t } = useTranslation();
  if (!preview) return null;
  const ds = preview.table.dataset;
  const kindOf = (name: string): string => {
    const c = ds.columns.find((x) => x.name === name);
    if (!c) return 'numeric';
    return c.kind === 'one-hot' ? 'categorical' : c.kind === 'ignored' ? 'ignore' : 'numeric';
  };
  return (
    <fieldset className="csv-import__columns">
      <legend>{t('ui.csvImport.columnTypes')}</legend>
      {preview.columns.map((name) =>
        name === ds.target.name ? (
          <p key={name} className="csv-import__target">
            {name} · {t('ui.csvImport.targetMark')}
          </p>
        ) : (
          <Choice
            key={name}
            label={name}
            value={s.columnTypes[name] ?? kindOf(name)}
            options={KINDS.map((k): [string, string] => [k, t(`ui.csvImport.kinds.${k}`)])}
            onChange={(v) =>
              onChange({ columnTypes: { ...s.columnTypes, [name]: v as (typeof KINDS)[number] } })
            }
          />
        ),
      )}
    </fieldset>
  );
}
