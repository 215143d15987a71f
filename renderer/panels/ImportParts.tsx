import { useTranslation } from 'react-i18next';
import type { ImportedParts, ImportSplit } from '../../src/data/imported';
import { classColor } from '../charts/plane-draw';
import { CommitField } from './CommitField';
import { formatValue, parseNumber } from './field-parsing';

/** The seeded, optionally stratified train/validation/test division of an import. */
export function SplitFields({ split, onChange }: { split: ImportSplit; onChange(s: ImportSplit): void }) {
  const { t } = useTranslation();
  const share = (name: 'validation' | 'test', label: string) => (
    <CommitField
      key={`${name}:${split[name]}`}
      label={label}
      value={formatValue(split[name])}
      parse={(s) => parseNumber(s, { integer: false, min: 0, max: 0.9 })}
      onCommit={(v) => onChange({ ...split, [name]: v })}
      type="number"
      min={0}
      max={0.9}
      step={0.05}
    />
  );
  return (
    <fieldset className="import-split">
      <legend>{t('ui.csvImport.split')}</legend>
      {share('validation', t('ui.csvImport.validationShare'))}
      {share('test', t('ui.csvImport.testShare'))}
      <CommitField
        key={`seed:${split.seed}`}
        label={t('ui.csvImport.seed')}
        value={formatValue(split.seed)}
        parse={(s) => parseNumber(s, { integer: true, min: 0, max: 2 ** 32 - 1 })}
        onCommit={(seed) => onChange({ ...split, seed })}
        type="number"
        min={0}
        step={1}
      />
      <label className="csv-import__check">
        <input
          type="checkbox"
          checked={split.stratified}
          onChange={(e) => onChange({ ...split, stratified: e.target.checked })}
        />
        {t('ui.csvImport.stratified')}
      </label>
    </fieldset>
  );
}

/** Examples per class as labelled bars (the numbers are in the text, the bars only echo them). */
export function ClassBalance({ names, counts }: { names: readonly string[]; counts: readonly number[] }) {
  const { t } = useTranslation();
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const most = Math.max(...counts, 1);
  return (
    <section className="class-balance" aria-label={t('ui.csvImport.balance')}>
      <h4>{t('ui.csvImport.balance')}</h4>
      <ul>
        {counts.map((n, c) => (
          <li key={c}>
            <span className="class-balance__name">
              {t('ui.csvImport.balanceRow', {
                name: names[c] ?? String(c),
                count: n,
                percent: ((100 * n) / total).toFixed(1),
              })}
            </span>
            <span className="class-balance__bar" aria-hidden="true">
              <span style={{ width: `${(100 * n) / most}%`, background: classColor(c) }} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How many examples each part got, and the width of an example. */
export function PartsLine({ parts }: { parts: ImportedParts }) {
  const { t } = useTranslation();
  const features = parts.train.inputShape.reduce((a, b) => a * b, 1);
  return (
    <p className="import-parts">
      {t('ui.csvImport.parts', {
        train: parts.train.count,
        validation: parts.validation.count,
        test: parts.test.count,
        features,
      })}
    </p>
  );
}

/** The first records of a file as a table; the first row is a header when the file has one. */
export function PreviewTable({
  rows,
  header,
  caption,
}: {
  rows: string[][];
  header: boolean;
  caption: string;
}) {
  const head = header ? rows[0] : null;
  const body = header ? rows.slice(1) : rows;
  return (
    <div className="preview-table__scroll">
      <table className="preview-table">
        <caption>{caption}</caption>
        {head && (
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {body.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
